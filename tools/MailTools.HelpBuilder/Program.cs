using System.Text;

namespace MailTools.HelpBuilder
{
    /// <summary>
    /// dotnet MailTools.HelpBuilder.dll --docs docs/en-US --out out/MailTools/en-US --assembly MailTools.dll
    /// Every docs/*.md (except _*.md) is a cmdlet page, written together into &lt;assembly&gt;-Help.xml;
    /// every about_*.md becomes about_*.help.txt. Exit code 0: written; 1: a page is invalid (nothing written); 2: bad arguments.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            var options = ParseArguments(args);
            if (options == null || !options.TryGetValue("--docs", out var docs) || !options.TryGetValue("--out", out var outDir)
                || !options.TryGetValue("--assembly", out var assembly))
            {
                error.WriteLine("usage: MailTools.HelpBuilder --docs <markdown folder> --out <help folder> --assembly <Module.dll>");
                return 2;
            }
            if (!Directory.Exists(docs))
            {
                error.WriteLine($"error: docs folder '{docs}' does not exist");
                return 2;
            }

            var commands = new List<CommandHelp>();
            var aboutTopics = new List<(string Name, string Text)>();
            var errors = new List<HelpFormatException>();
            var files = Directory.GetFiles(docs, "*.md")
                .Where(f => !Path.GetFileName(f).StartsWith('_'))
                .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal);
            foreach (var file in files)
            {
                try
                {
                    var markdown = File.ReadAllText(file);
                    var name = Path.GetFileNameWithoutExtension(file);
                    if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                    {
                        aboutTopics.Add((name, AboutTopicWriter.Convert(file, markdown)));
                    }
                    else
                    {
                        commands.Add(CommandPageReader.Read(file, markdown));
                    }
                }
                catch (HelpFormatException e)
                {
                    errors.Add(e);
                }
            }

            if (errors.Count > 0)
            {
                errors.ForEach(e => error.WriteLine(e.ToString()));
                error.WriteLine($"{errors.Count} help page(s) invalid; no help written.");
                return 1;
            }

            Directory.CreateDirectory(outDir);
            if (commands.Count > 0)
            {
                var xmlPath = Path.Combine(outDir, assembly + "-Help.xml");
                MamlWriter.Write(xmlPath, commands);
                output.WriteLine($"{xmlPath}: {commands.Count} command(s)");
            }
            else
            {
                error.WriteLine($"warning: no cmdlet pages in '{docs}'; no {assembly}-Help.xml written");
            }
            foreach (var (name, text) in aboutTopics)
            {
                var txtPath = Path.Combine(outDir, name + ".help.txt");
                File.WriteAllText(txtPath, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                output.WriteLine(txtPath);
            }
            return 0;
        }

        private static Dictionary<string, string>? ParseArguments(string[] args)
        {
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    return null;
                }
                options[args[i]] = args[i + 1];
            }
            return options;
        }
    }
}
