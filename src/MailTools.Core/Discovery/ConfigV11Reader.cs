using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace MailTools.Core.Discovery
{
    /// <summary>A config-v1.1.xml that is not one (not XML, wrong root, a server without host or port).</summary>
    public sealed class ConfigFormatException : Exception
    {
        /// <summary>A document refused for <paramref name="message"/> (said after "it", e.g. "it has no &lt;emailProvider&gt;").</summary>
        public ConfigFormatException(string message, Exception? inner = null) : base(message, inner) { }
    }

    /// <summary>
    /// Reads Thunderbird's autoconfig format (config-v1.1.xml, used by providers' autoconfig files and by the ISPDB):
    /// each incomingServer (imap, pop3) and outgoingServer (smtp) with host, port, socketType and user name, the
    /// %EMAILADDRESS% / %EMAILLOCALPART% / %EMAILDOMAIN% placeholders filled in. DTDs are refused (untrusted input).
    /// </summary>
    public static class ConfigV11Reader
    {
        /// <summary>
        /// The candidates a config-v1.1.xml names, for <paramref name="request"/>'s address, marked as coming from
        /// <paramref name="source"/> at <paramref name="url"/>; throws <see cref="ConfigFormatException"/> when the document is unusable.
        /// </summary>
        public static IList<MailServerCandidate> Read(string? xml, DiscoveryOptions request, DiscoverySource source, string url)
        {
            XDocument doc;
            try
            {
                var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 1 << 20 };
                using (var reader = XmlReader.Create(new StringReader(xml ?? string.Empty), settings))
                    doc = XDocument.Load(reader);
            }
            catch (XmlException ex)
            {
                throw new ConfigFormatException($"it is not valid XML (line {ex.LineNumber}: {ex.Message.Split('\n')[0].Trim()})", ex);
            }
            var root = doc.Root;
            if (root == null || root.Name.LocalName != "clientConfig")
                throw new ConfigFormatException($"its root element is <{root?.Name.LocalName}>, not <clientConfig>");
            var provider = root.Elements().FirstOrDefault(e => e.Name.LocalName == "emailProvider")
                ?? throw new ConfigFormatException("it has no <emailProvider>");

            var list = new List<MailServerCandidate>();
            foreach (var server in provider.Elements().Where(e => e.Name.LocalName == "incomingServer" || e.Name.LocalName == "outgoingServer"))
            {
                string type = ((string?)server.Attribute("type") ?? string.Empty).Trim().ToLowerInvariant();
                MailServerProtocol protocol;
                if (type == "imap") protocol = MailServerProtocol.Imap;
                else if (type == "pop3") protocol = MailServerProtocol.Pop3;
                else if (type == "smtp") protocol = MailServerProtocol.Smtp;
                else continue;   // exchange, ews, jmap…: not ours
                string? host = Fill(Child(server, "hostname"), request);
                string? portText = Child(server, "port");
                if (host == null || string.IsNullOrWhiteSpace(host) || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
                    throw new ConfigFormatException($"a <{server.Name.LocalName} type=\"{type}\"> has no usable hostname/port");
                list.Add(new MailServerCandidate
                {
                    EmailAddress = request.EmailAddress,
                    Protocol = protocol,
                    Host = host.Trim().TrimEnd('.').ToLowerInvariant(),
                    Port = port,
                    Security = SecurityOf(Child(server, "socketType")),
                    Source = source,
                    SourceDetail = url,
                    UserName = Fill(Child(server, "username"), request) ?? request.EmailAddress,
                    Status = ProbeStatus.NotProbed,
                });
            }
            if (list.Count == 0)
                throw new ConfigFormatException("it names no IMAP, POP3 or SMTP server");
            return list;
        }

        static string? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();

        static MailSecurity SecurityOf(string? socketType)
        {
            switch ((socketType ?? string.Empty).Trim().ToUpperInvariant())
            {
                case "SSL": return MailSecurity.SslOnConnect;
                case "STARTTLS": return MailSecurity.StartTls;
                default: return MailSecurity.None;
            }
        }

        static string? Fill(string? text, DiscoveryOptions request)
        {
            if (text == null || text.Length == 0)
                return null;
            return text.Replace("%EMAILADDRESS%", request.EmailAddress)
                .Replace("%EMAILLOCALPART%", request.LocalPart)
                .Replace("%EMAILDOMAIN%", request.Domain);
        }
    }
}
