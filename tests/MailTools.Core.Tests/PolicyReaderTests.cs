using System.Linq;
using MailTools.Core.Cleanup;
using MailTools.Core.Errors;
using Xunit;

namespace MailTools.Core.Tests
{
    public class PolicyReaderTests
    {
        const string Good = @"{
  ""Rules"": [
    { ""Name"": ""Old trash"", ""Folders"": [""@Trash"", ""@Junk""], ""OlderThan"": ""30d"", ""Action"": ""Delete"" },
    { ""Name"": ""Newsletters"", ""Folders"": ""Newsletters*"", ""OlderThan"": 90, ""Action"": ""Delete"" },
    { ""Name"": ""Old mail"", ""Folders"": [""INBOX"", ""@Sent""], ""OlderThan"": ""1y"", ""Action"": ""Move"", ""Destination"": ""Archive"" },
    { ""Name"": ""Big"", ""Folders"": ""*"", ""LargerThan"": ""10MB"", ""OlderThan"": ""6mo"", ""IncludeFlagged"": true }
  ],
  ""LogPath"": ""/var/log/mail-cleanup.csv""
}";

        static CleanupPolicy Read(string json) => PolicyReader.Read(JsonPolicyParser.Parse(json, "policy.json"), "policy.json");

        [Fact]
        public void Reads_rules_with_roles_ages_sizes_and_actions()
        {
            var policy = Read(Good);
            Assert.Equal(4, policy.Rules.Count);
            Assert.Equal(new[] { "@Trash", "@Junk" }, policy.Rules[0].Folders);
            Assert.Equal(CleanupAction.Delete, policy.Rules[0].Action);
            Assert.Equal("30d", policy.Rules[0].Query.OlderThan?.ToString());
            Assert.Equal("90d", policy.Rules[1].Query.OlderThan?.ToString());
            Assert.Equal("Archive", policy.Rules[2].Destination);
            Assert.Equal(10L * 1024 * 1024, policy.Rules[3].Query.LargerThan);
            Assert.Equal(CleanupAction.Trash, policy.Rules[3].Action); // the recoverable default
            Assert.True(policy.Rules[3].IncludeFlagged);
            Assert.Equal(3, policy.Rules[0].Line);
            Assert.Equal("/var/log/mail-cleanup.csv", policy.LogPath);
        }

        [Theory]
        [InlineData("\"Folders\": \"INBOX\", \"OlderThan\": \"30d\", \"Colour\": \"red\"", "unknown key 'Colour'")]
        [InlineData("\"Folders\": \"INBOX\", \"OlderThan\": \"thirty\"", "'thirty' is not an age")]
        [InlineData("\"Folders\": \"INBOX\", \"LargerThan\": \"10 megs\"", "'10 megs' is not a size")]
        [InlineData("\"Folders\": \"INBOX\", \"OlderThan\": \"30d\", \"Action\": \"Shred\"", "unknown action 'Shred'")]
        [InlineData("\"Folders\": \"INBOX\"", "has no condition")]
        [InlineData("\"OlderThan\": \"30d\"", "'Folders' is missing")]
        [InlineData("\"Folders\": \"@Bin\", \"OlderThan\": \"30d\"", "'@Bin' is not a folder role")]
        [InlineData("\"Folders\": \"INBOX\", \"OlderThan\": \"30d\", \"Action\": \"Move\"", "needs a 'Destination'")]
        public void Rejects_a_bad_rule_naming_its_line_and_name(string body, string expected)
        {
            string json = "{\n  \"Rules\": [\n    { \"Name\": \"ok\", \"Folders\": \"INBOX\", \"OlderThan\": \"1y\" },\n    { \"Name\": \"bad one\", " + body + " }\n  ]\n}";
            var ex = Assert.Throws<MailToolsException>(() => Read(json));
            Assert.Equal(ErrorIds.InvalidPolicy, ex.ErrorId);
            Assert.Equal(MailErrorKind.InvalidData, ex.Kind);
            Assert.Contains(expected, ex.Message);
            Assert.Contains("line 4", ex.Message);
            Assert.Contains("bad one", ex.Message);
            Assert.Contains("policy.json", ex.Message);
            Assert.Contains("nothing was changed", ex.Message);
        }

        [Fact]
        public void Reports_every_problem_at_once()
        {
            string json = "{ \"Rules\": [\n { \"Folders\": \"A\", \"OlderThan\": \"x\" },\n { \"Folders\": \"B\", \"LargerThan\": \"y\" } ],\n \"Extra\": 1 }";
            var ex = Assert.Throws<MailToolsException>(() => Read(json));
            Assert.Contains("line 2", ex.Message);
            Assert.Contains("line 3", ex.Message);
            Assert.Contains("unknown key 'Extra'", ex.Message);
        }

        [Theory]
        [InlineData("{ \"Rules\": [ { \"Folders\": \"A\" \"OlderThan\": \"1y\" } ] }", "line 1")]
        [InlineData("{\n\"Rules\": [\n{ \"Folders\": \"A\", \"OlderThan\": 1y } ] }", "line 3")]
        [InlineData("{ \"Rules\": [", "line 1")]
        public void Rejects_broken_json_with_the_line(string json, string expected)
        {
            var ex = Assert.Throws<MailToolsException>(() => Read(json));
            Assert.Equal(ErrorIds.InvalidPolicy, ex.ErrorId);
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void Json_strings_unescape()
        {
            var node = JsonPolicyParser.Parse("{ \"a\": \"x\\\"y\\u00e9\\n\" }", "t");
            Assert.Equal("x\"yé\n", node.AsMap?["a"].Value);
        }

        [Fact]
        public void Reads_the_example_policy_shipped_in_the_docs()
        {
            string path = System.IO.Path.Combine(RepoRoot(), "docs", "examples", "cleanup-policy.json");
            var policy = PolicyReader.Read(JsonPolicyParser.Parse(System.IO.File.ReadAllText(path), path), path);
            Assert.Equal(4, policy.Rules.Count);
            Assert.Equal(MailTools.ExportFormat.Maildir, policy.ArchiveFormat);
            Assert.Equal(new[] { CleanupAction.Delete, CleanupAction.Delete, CleanupAction.Archive, CleanupAction.Archive }, policy.Rules.Select(r => r.Action));
            Assert.Equal(new[] { "@Trash", "@Junk" }, policy.Rules[0].Folders);
        }

        [Fact]
        public void Rejects_an_unknown_archive_format_naming_its_line()
        {
            var ex = Assert.Throws<MailToolsException>(() => Read("{\n  \"ArchiveFormat\": \"Zip\",\n  \"Rules\": [ { \"Folders\": \"INBOX\", \"OlderThan\": \"1y\" } ]\n}"));
            Assert.Contains("unknown ArchiveFormat 'Zip'", ex.Message);
            Assert.Contains("line 2", ex.Message);
        }

        static string RepoRoot()
        {
            var dir = new System.IO.DirectoryInfo(System.AppContext.BaseDirectory);
            while (dir != null && !System.IO.Directory.Exists(System.IO.Path.Combine(dir.FullName, "docs", "examples")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new System.InvalidOperationException("docs/examples not found above " + System.AppContext.BaseDirectory);
        }
    }
}
