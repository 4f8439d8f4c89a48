using System.Text.Json.Serialization;

namespace MailTools.Core.Accounts
{
    public sealed partial class AccountStore
    {
        /// <summary>
        /// The account file's JSON metadata, generated at build time (System.Text.Json source generation) so reading
        /// accounts.json on the way to Connect-MailServer -Account needs no reflection. The options (names, enums,
        /// strictness) stay in AccountStore's s_json.
        /// </summary>
        [JsonSerializable(typeof(AccountFile))]
        sealed partial class JsonContext : JsonSerializerContext
        {
        }
    }
}
