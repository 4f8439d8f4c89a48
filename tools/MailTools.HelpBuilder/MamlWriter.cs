using System.Text;
using System.Xml;

namespace MailTools.HelpBuilder
{
    /// <summary>Writes commands as the MAML that Get-Help reads, element for element as PlatyPS 0.14 emits it.</summary>
    internal static class MamlWriter
    {
        private const string MshNs = "http://msh";
        private const string MamlNs = "http://schemas.microsoft.com/maml/2004/10";
        private const string CommandNs = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private const string DevNs = "http://schemas.microsoft.com/maml/dev/2004/10";
        private const string MsHelpNs = "http://msdn.microsoft.com/mshelp";

        public static void Write(string path, IEnumerable<CommandHelp> commands)
        {
            using var stream = File.Create(path);
            Write(stream, commands);
        }

        public static void Write(Stream stream, IEnumerable<CommandHelp> commands)
        {
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
                Indent = true,
                IndentChars = "  ",
                NewLineChars = "\n",
            };
            using var xml = XmlWriter.Create(stream, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("helpItems", MshNs);
            xml.WriteAttributeString("schema", "maml");
            foreach (var command in commands)
            {
                WriteCommand(xml, command);
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        private static void WriteCommand(XmlWriter xml, CommandHelp help)
        {
            xml.WriteStartElement("command", "command", CommandNs);
            xml.WriteAttributeString("xmlns", "maml", null, MamlNs);
            xml.WriteAttributeString("xmlns", "dev", null, DevNs);
            xml.WriteAttributeString("xmlns", "MSHelp", null, MsHelpNs);

            xml.WriteStartElement("command", "details", CommandNs);
            xml.WriteElementString("command", "name", CommandNs, help.Name);
            xml.WriteElementString("command", "verb", CommandNs, help.Verb);
            xml.WriteElementString("command", "noun", CommandNs, help.Noun);
            Paras(xml, "maml", "description", MamlNs, help.Synopsis);
            xml.WriteEndElement();

            Paras(xml, "maml", "description", MamlNs, help.Description);

            xml.WriteStartElement("command", "syntax", CommandNs);
            foreach (var item in SyntaxItems(help))
            {
                xml.WriteStartElement("command", "syntaxItem", CommandNs);
                xml.WriteElementString("maml", "name", MamlNs, help.Name);
                foreach (var (parameter, metadata) in item)
                {
                    WriteParameter(xml, parameter, metadata, inSyntax: true);
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteStartElement("command", "parameters", CommandNs);
            foreach (var parameter in help.Parameters)
            {
                WriteParameter(xml, parameter, parameter.Metadata[0], inSyntax: false);
            }
            xml.WriteEndElement();

            WriteTypes(xml, "inputTypes", "inputType", help.Inputs);
            WriteTypes(xml, "returnValues", "returnValue", help.Outputs);

            if (help.Notes.Count > 0)
            {
                xml.WriteStartElement("maml", "alertSet", MamlNs);
                Paras(xml, "maml", "alert", MamlNs, help.Notes);
                xml.WriteEndElement();
            }

            xml.WriteStartElement("command", "examples", CommandNs);
            foreach (var example in help.Examples)
            {
                xml.WriteStartElement("command", "example", CommandNs);
                xml.WriteElementString("maml", "title", MamlNs, PadExampleTitle(example.Title));
                xml.WriteElementString("dev", "code", DevNs, example.Code);
                Paras(xml, "dev", "remarks", DevNs, example.Remarks);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteStartElement("command", "relatedLinks", CommandNs);
            foreach (var link in help.Links)
            {
                xml.WriteStartElement("maml", "navigationLink", MamlNs);
                xml.WriteElementString("maml", "linkText", MamlNs, link.Text);
                xml.WriteElementString("maml", "uri", MamlNs, link.Uri);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteEndElement(); // command:command
        }

        /// <summary>One syntax item per parameter set: the sets of ## SYNTAX in their order, then any other set a
        /// parameter names; "(All)" parameters join every set. No named set at all: one item with every parameter.
        /// Within an item: positional parameters by position, then mandatory ones, then the rest, in page order.</summary>
        internal static List<List<(ParameterHelp Parameter, ParameterMetadata Metadata)>> SyntaxItems(CommandHelp help)
        {
            var sets = new List<string>();
            foreach (var set in help.SyntaxSetNames.Concat(help.Parameters.SelectMany(p => p.Metadata).SelectMany(m => m.ParameterSets)))
            {
                if (set is not (ParameterMetadata.AllSets or "__AllParameterSets") && !sets.Contains(set, StringComparer.OrdinalIgnoreCase))
                {
                    sets.Add(set);
                }
            }

            IEnumerable<(ParameterHelp, ParameterMetadata?)> Members(string? set) =>
                help.Parameters.Select(p => (p, set == null ? p.Metadata[0] : p.For(set)));

            var items = sets.Count == 0 ? [Members(null)] : sets.Select(Members);
            return items
                .Select(members => members
                    .Where(m => m.Item2 != null)
                    .Select(m => (Parameter: m.Item1, Metadata: m.Item2!))
                    .OrderBy(m => m.Metadata.PositionNumber ?? int.MaxValue)
                    .ThenBy(m => m.Metadata.Required ? 0 : 1)
                    .ToList())
                .ToList();
        }

        private static void WriteParameter(XmlWriter xml, ParameterHelp parameter, ParameterMetadata metadata, bool inSyntax)
        {
            var type = metadata.IsSwitch ? "SwitchParameter" : metadata.Type;

            xml.WriteStartElement("command", "parameter", CommandNs);
            xml.WriteAttributeString("required", metadata.Required ? "true" : "false");
            xml.WriteAttributeString("variableLength", "true");
            xml.WriteAttributeString("globbing", metadata.Globbing ? "true" : "false");
            xml.WriteAttributeString("pipelineInput", metadata.PipelineInput);
            xml.WriteAttributeString("position", metadata.Position.ToLowerInvariant());
            xml.WriteAttributeString("aliases", metadata.Aliases.Count > 0 ? string.Join(", ", metadata.Aliases) : "none");

            xml.WriteElementString("maml", "name", MamlNs, parameter.Name);
            Paras(xml, "maml", "description", MamlNs, parameter.Description);

            if (inSyntax && metadata.AcceptedValues.Count > 0)
            {
                xml.WriteStartElement("command", "parameterValueGroup", CommandNs);
                foreach (var value in metadata.AcceptedValues)
                {
                    xml.WriteStartElement("command", "parameterValue", CommandNs);
                    xml.WriteAttributeString("required", "false");
                    xml.WriteAttributeString("command", "variableLength", CommandNs, "false");
                    xml.WriteString(value);
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }

            // In syntax a switch shows no <value>, as PlatyPS does it.
            if (!inSyntax || !metadata.IsSwitch)
            {
                xml.WriteStartElement("command", "parameterValue", CommandNs);
                xml.WriteAttributeString("required", metadata.IsSwitch ? "false" : "true");
                xml.WriteAttributeString("variableLength", "false");
                xml.WriteString(type);
                xml.WriteEndElement();
            }

            xml.WriteStartElement("dev", "type", DevNs);
            xml.WriteElementString("maml", "name", MamlNs, type);
            xml.WriteElementString("maml", "uri", MamlNs, "");
            xml.WriteEndElement();

            var noDefault = string.IsNullOrEmpty(metadata.DefaultValue) || metadata.DefaultValue.Equals("None", StringComparison.OrdinalIgnoreCase);
            xml.WriteElementString("dev", "defaultValue", DevNs, noDefault ? (metadata.IsSwitch ? "False" : "None") : metadata.DefaultValue);

            xml.WriteEndElement();
        }

        private static void WriteTypes(XmlWriter xml, string listName, string itemName, IEnumerable<TypeHelp> types)
        {
            xml.WriteStartElement("command", listName, CommandNs);
            foreach (var type in types)
            {
                xml.WriteStartElement("command", itemName, CommandNs);
                xml.WriteStartElement("dev", "type", DevNs);
                xml.WriteElementString("maml", "name", MamlNs, type.TypeName);
                xml.WriteEndElement();
                Paras(xml, "maml", "description", MamlNs, type.Description);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }

        private static void Paras(XmlWriter xml, string prefix, string name, string ns, IEnumerable<string> paragraphs)
        {
            xml.WriteStartElement(prefix, name, ns);
            foreach (var paragraph in paragraphs)
            {
                xml.WriteElementString("maml", "para", MamlNs, paragraph);
            }
            xml.WriteEndElement();
        }

        /// <summary>"Example 1: Title" becomes "----- Example 1: Title -----", padded to 64 characters as PlatyPS does
        /// (at least four dashes each side for long titles).</summary>
        internal static string PadExampleTitle(string title)
        {
            var dashes = new string('-', Math.Max(4, (64 - title.Length - 2) / 2));
            return $"{dashes} {title} {dashes}";
        }
    }
}
