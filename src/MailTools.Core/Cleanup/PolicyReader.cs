using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MailTools.Core.Errors;
using MailTools.Core.Messages;
using MailTools.Core.Text;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// Checks a whole policy and turns it into rules, or rejects it as a whole, naming every line and rule at fault,
    /// before anything touches a server. The same shape is read from .psd1 and JSON:
    /// <code>
    /// @{ Rules = @(
    ///     @{ Name = 'Old trash'; Folders = '@Trash', '@Junk'; OlderThan = '30d'; Action = 'Delete' }
    ///     @{ Name = 'Big and old'; Folders = '*'; LargerThan = '10MB'; OlderThan = '6mo'; Action = 'Archive' } ) }
    /// </code>
    /// </summary>
    public static class PolicyReader
    {
        static readonly string[] s_topKeys = { "Rules", "ArchivePath", "ArchiveFormat", "LogPath", "Description" };
        static readonly string[] s_ruleKeys =
        {
            "Name", "Folders", "Folder", "OlderThan", "Before", "Since", "LargerThan", "SmallerThan",
            "From", "To", "Subject", "ListId", "Read", "Unread", "Action", "Destination", "IncludeFlagged",
        };

        /// <summary>Turns a parsed policy into rules; every problem is collected and thrown at once as MailToolsInvalidPolicy, each with its line.</summary>
        public static CleanupPolicy Read(PolicyNode? root, string source)
        {
            var problems = new List<string>();
            var policy = new CleanupPolicy { Source = source };
            var top = root?.AsMap;
            if (root == null || top == null)
                throw Invalid(source, new[] { $"line {root?.Line ?? 1}: the policy must be a hashtable (@{{ Rules = @(...) }}) or a JSON object ({{ \"Rules\": [...] }})" });

            foreach (var key in top.Keys)
                if (!s_topKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                    problems.Add($"line {top[key].Line}: unknown key '{key}' (allowed: {string.Join(", ", s_topKeys)})");
            policy.ArchivePath = OptionalString(top, "ArchivePath", "the policy", problems);
            policy.LogPath = OptionalString(top, "LogPath", "the policy", problems);
            if (top.TryGetValue("ArchiveFormat", out var format) && format.Value != null)
            {
                if (format.Value is string f && Enum.TryParse(f, true, out ExportFormat parsed) && !int.TryParse(f, out _))
                    policy.ArchiveFormat = parsed;
                else
                    problems.Add($"line {format.Line}: unknown ArchiveFormat '{format.Value}' (formats: Maildir, Mbox, Eml)");
            }

            if (!top.TryGetValue("Rules", out var rulesNode))
                problems.Add($"line {root.Line}: the policy has no 'Rules' list");
            else
            {
                var rules = rulesNode.AsList ?? (rulesNode.AsMap != null ? new List<PolicyNode> { rulesNode } : null);
                if (rules == null || rules.Count == 0)
                    problems.Add($"line {rulesNode.Line}: 'Rules' must be a list of rules, each a hashtable");
                else
                {
                    for (int i = 0; i < rules.Count; i++)
                    {
                        var rule = ReadRule(rules[i], i + 1, problems);
                        if (rule != null)
                            policy.Rules.Add(rule);
                    }
                }
            }
            if (problems.Count > 0)
                throw Invalid(source, problems);
            return policy;
        }

        static CleanupRule? ReadRule(PolicyNode node, int number, List<string> problems)
        {
            var map = node.AsMap;
            if (map == null)
            {
                problems.Add($"line {node.Line}: rule {number} must be a hashtable / object");
                return null;
            }
            int before = problems.Count;
            string name = map.TryGetValue("Name", out var n) && n.Value is string s && s.Length > 0 ? s : $"rule {number}";
            string where = $"line {node.Line}, rule '{name}'";
            var rule = new CleanupRule { Name = name, Line = node.Line };
            var q = rule.Query;

            foreach (var key in map.Keys)
                if (!s_ruleKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                    problems.Add($"line {map[key].Line}, rule '{name}': unknown key '{key}' (allowed: {string.Join(", ", s_ruleKeys.Where(k => k != "Folder"))})");

            var folders = Strings(map, "Folders", where, problems).Concat(Strings(map, "Folder", where, problems)).ToList();
            if (folders.Count == 0)
                problems.Add($"{where}: 'Folders' is missing (folder names, wildcards, or roles such as '@Trash')");
            foreach (var f in folders.Where(FolderResolverIsBadRole))
                problems.Add($"{where}: '{f}' is not a folder role (roles: @Inbox, @Sent, @Drafts, @Trash, @Junk, @Archive)");
            rule.Folders = folders;

            Try(problems, () => { if (map.TryGetValue("OlderThan", out var v)) q.OlderThan = AgeParser.Parse(v.Scalar, $"line {v.Line}, rule '{name}', OlderThan"); });
            Try(problems, () => { if (map.TryGetValue("LargerThan", out var v)) q.LargerThan = SizeParser.Parse(v.Scalar, $"line {v.Line}, rule '{name}', LargerThan"); });
            Try(problems, () => { if (map.TryGetValue("SmallerThan", out var v)) q.SmallerThan = SizeParser.Parse(v.Scalar, $"line {v.Line}, rule '{name}', SmallerThan"); });
            q.Before = Date(map, "Before", name, problems);
            q.Since = Date(map, "Since", name, problems);
            q.From = OptionalString(map, "From", where, problems);
            q.To = OptionalString(map, "To", where, problems);
            q.Subject = OptionalString(map, "Subject", where, problems);
            q.ListId = OptionalString(map, "ListId", where, problems);
            q.Read = Bool(map, "Read", where, problems);
            q.Unread = Bool(map, "Unread", where, problems);
            rule.IncludeFlagged = Bool(map, "IncludeFlagged", where, problems);
            if (q.Read && q.Unread)
                problems.Add($"{where}: Read and Unread together match nothing");

            if (map.TryGetValue("Action", out var a))
            {
                if (!(a.Value is string text) || !Enum.TryParse(text, true, out CleanupAction action) || int.TryParse(text, out _))
                    problems.Add($"line {a.Line}, rule '{name}': unknown action '{a.Value}' (actions: Delete, Trash, Move, Archive)");
                else
                    rule.Action = action;
            }
            rule.Destination = OptionalString(map, "Destination", where, problems);
            if (rule.Action == CleanupAction.Move && string.IsNullOrEmpty(rule.Destination))
                problems.Add($"{where}: Action 'Move' needs a 'Destination' folder");
            if (!HasCondition(q))
                problems.Add($"{where}: the rule has no condition, so it would match every message; give OlderThan, Before, Since, LargerThan, SmallerThan, From, To, Subject or ListId");
            return problems.Count == before ? rule : null;
        }

        static bool FolderResolverIsBadRole(string name) => Folders.FolderResolver.IsRole(name) && !Folders.FolderResolver.TryParseRole(name, out _);

        /// <summary>True when the query narrows the messages: a rule that matches everything must be spelled out.</summary>
        public static bool HasCondition(MessageQuery q) =>
            q.OlderThan != null || q.Before.HasValue || q.Since.HasValue || q.LargerThan.HasValue || q.SmallerThan.HasValue ||
            !string.IsNullOrEmpty(q.From) || !string.IsNullOrEmpty(q.To) || !string.IsNullOrEmpty(q.Subject) || !string.IsNullOrEmpty(q.ListId);

        static void Try(List<string> problems, Action parse)
        {
            try { parse(); }
            catch (MailToolsException ex) { problems.Add(ex.Message); }
        }

        static IEnumerable<string> Strings(IDictionary<string, PolicyNode> map, string key, string where, List<string> problems)
        {
            if (!map.TryGetValue(key, out var node))
                return Enumerable.Empty<string>();
            var items = node.AsList ?? new List<PolicyNode> { node };
            var result = new List<string>();
            foreach (var item in items)
            {
                if (item.Value is string s && s.Length > 0)
                    result.Add(s);
                else
                    problems.Add($"{At(item, where)}: '{key}' must hold folder names as text");
            }
            return result;
        }

        /// <summary>"line N, rule 'x'" for a value: its own line in place of the rule's ("line 1, line 1" otherwise).</summary>
        static string At(PolicyNode node, string where)
        {
            int rule = where.IndexOf("rule '", StringComparison.Ordinal);
            return $"line {node.Line}, {(rule >= 0 ? where.Substring(rule) : where)}";
        }

        static string? OptionalString(IDictionary<string, PolicyNode> map, string key, string where, List<string> problems)
        {
            if (!map.TryGetValue(key, out var node) || node.Value == null)
                return null;
            if (node.Value is string s)
                return s;
            problems.Add($"{At(node, where)}: '{key}' must be text");
            return null;
        }

        static bool Bool(IDictionary<string, PolicyNode> map, string key, string where, List<string> problems)
        {
            if (!map.TryGetValue(key, out var node) || node.Value == null)
                return false;
            if (node.Value is bool b)
                return b;
            problems.Add($"{At(node, where)}: '{key}' must be $true or $false (true/false in JSON)");
            return false;
        }

        static DateTimeOffset? Date(IDictionary<string, PolicyNode> map, string key, string name, List<string> problems)
        {
            if (!map.TryGetValue(key, out var node) || node.Value == null)
                return null;
            if (node.Value is DateTime dt)
                return dt;
            if (node.Value is DateTimeOffset dto)
                return dto;
            if (node.Value is string s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var parsed))
                return parsed;
            problems.Add($"line {node.Line}, rule '{name}': {key} '{node.Value}' is not a date (write it as yyyy-MM-dd or yyyy-MM-ddTHH:mm)");
            return null;
        }

        static MailToolsException Invalid(string source, IEnumerable<string> problems)
        {
            var list = problems.ToList();
            return new MailToolsException(ErrorIds.InvalidPolicy, MailErrorKind.InvalidData,
                $"The policy {source} was rejected and nothing was changed: {string.Join("; ", list)}.", source)
            { RecommendedAction = "Fix the lines named and run again; see Get-Help Invoke-MailCleanup -Parameter Policy for the shape of a policy." };
        }
    }
}
