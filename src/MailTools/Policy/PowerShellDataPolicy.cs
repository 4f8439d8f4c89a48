using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MailTools.Core.Cleanup;
using MailTools.Core.Errors;

namespace MailTools.Policy
{
    /// <summary>
    /// Reads a .psd1 policy the way Import-PowerShellDataFile does — PowerShell's parser, constants only, no code run
    /// (SafeGetValue) — but keeps each value's line so Core can name the line at fault. Core cannot do this itself:
    /// it has no System.Management.Automation reference.
    /// </summary>
    internal static class PowerShellDataPolicy
    {
        public static PolicyNode Read(string path)
        {
            var ast = Parser.ParseFile(path, out _, out ParseError[]? errors);
            if (errors != null && errors.Length > 0)
            {
                // PowerShell's parser can report one unclosed brace several times; each problem is said once.
                var list = string.Join("; ", errors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message.TrimEnd('.')}").Distinct().Take(5));
                throw Invalid(path, list);
            }
            var hashtable = ast.Find(a => a is HashtableAst, false) as HashtableAst;
            if (hashtable == null)
                throw Invalid(path, "line 1: the file holds no hashtable (@{ Rules = @( ... ) })");
            return Convert(hashtable, path);
        }

        static PolicyNode Convert(Ast ast, string path)
        {
            int line = ast.Extent.StartLineNumber;
            switch (ast)
            {
                case HashtableAst h:
                    var map = PolicyNode.NewMap();
                    foreach (var pair in h.KeyValuePairs)
                    {
                        string? key = (pair.Item1 as StringConstantExpressionAst)?.Value ?? SafeValue(pair.Item1, path)?.ToString();
                        // `$null = 'x'` parses; the dictionary would throw ArgumentNullException, which is no policy error.
                        if (key == null)
                            throw Invalid(path, $"line {pair.Item1.Extent.StartLineNumber}: a key is $null (keys are names such as Folders or OlderThan)");
                        if (map.ContainsKey(key))
                            throw Invalid(path, $"line {pair.Item1.Extent.StartLineNumber}: the key '{key}' appears twice");
                        map[key] = Convert(pair.Item2, path);
                    }
                    return new PolicyNode(map, line);
                case PipelineAst p:
                    var expr = p.GetPureExpression();
                    if (expr == null)
                        throw Invalid(path, $"line {line}: only constant values are allowed, not '{Short(p)}'");
                    return Convert(expr, path);
                case CommandExpressionAst c:
                    return Convert(c.Expression, path);
                case ArrayLiteralAst a:
                    return new PolicyNode(a.Elements.Select(e => Convert(e, path)).ToList(), line);
                case ArrayExpressionAst ae:
                    var items = new List<PolicyNode>();
                    foreach (var statement in ae.SubExpression.Statements)
                    {
                        var node = Convert(statement, path);
                        if (node.AsList != null && !(statement is PipelineAst pp && pp.GetPureExpression() is HashtableAst))
                            items.AddRange(node.AsList);
                        else
                            items.Add(node);
                    }
                    return new PolicyNode(items, line);
                case ParenExpressionAst pe:
                    return Convert(pe.Pipeline, path);
                case ExpressionAst e:
                    return new PolicyNode(Scalar(SafeValue(e, path)), line);
                default:
                    throw Invalid(path, $"line {line}: only constant values are allowed, not '{Short(ast)}'");
            }
        }

        static object? Scalar(object? value)
        {
            switch (value)
            {
                case int i: return (long)i;
                case PSObject pso: return Scalar(pso.BaseObject);
                default: return value;
            }
        }

        static object? SafeValue(Ast ast, string path)
        {
            try
            {
                return ((ExpressionAst)ast).SafeGetValue();
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is InvalidCastException)
            {
                throw Invalid(path, $"line {ast.Extent.StartLineNumber}: only constant values are allowed, not '{Short(ast)}'");
            }
        }

        static string Short(Ast ast)
        {
            var text = ast.Extent.Text.Replace("\r", " ").Replace("\n", " ");
            return text.Length > 40 ? text.Substring(0, 40) + "…" : text;
        }

        static MailToolsException Invalid(string path, string problem) =>
            new MailToolsException(ErrorIds.InvalidPolicy, MailErrorKind.InvalidData,
                $"The policy {path} was rejected and nothing was changed: {problem}.", path)
            { RecommendedAction = "Fix the line named; a policy holds only constants (strings, numbers, $true/$false, @() and @{})." };
    }
}
