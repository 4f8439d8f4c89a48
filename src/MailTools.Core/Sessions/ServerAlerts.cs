using System.Runtime.CompilerServices;
using MailKit.Net.Imap;

namespace MailTools.Core.Sessions
{
    /// <summary>
    /// The last [ALERT] each IMAP client received. MailKit raises a tagged "NO [ALERT] text" as its Alert event and
    /// leaves the exception's ResponseText empty, so Gmail's "Account exceeded command or bandwidth limits" would be
    /// lost; <see cref="Throttling"/> reads it from here when a refused command carries no text of its own.
    /// </summary>
    internal static class ServerAlerts
    {
        static readonly ConditionalWeakTable<ImapClient, StrongBox<string?>> s_last = new ConditionalWeakTable<ImapClient, StrongBox<string?>>();

        /// <summary>Starts remembering <paramref name="client"/>'s alerts.</summary>
        public static void Watch(ImapClient client)
        {
            var box = s_last.GetValue(client, _ => new StrongBox<string?>());
            client.Alert += (_, e) => box.Value = e.Message;
        }

        /// <summary>The last alert not yet taken, or null; taking it clears it, so it explains one failure only.</summary>
        public static string? Take(ImapClient? client)
        {
            if (client == null || !s_last.TryGetValue(client, out var box))
                return null;
            string? text = box.Value;
            box.Value = null;
            return text;
        }
    }
}
