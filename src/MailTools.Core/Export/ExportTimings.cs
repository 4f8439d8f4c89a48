using System.Diagnostics;
using System.Globalization;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Where one folder's export spends its time, from Stopwatch timestamps taken around each stage (cheap enough to
    /// stay on). Export-Mailbox -Verbose prints it per folder; bench/Export.Bench.ps1 sums it into the profile table.
    /// </summary>
    public sealed class ExportTimings
    {
        /// <summary>
        /// Inside MailKit between one message and the next of a FETCH: waiting for the server, TLS decryption and IMAP
        /// parsing (MailKit reads a message's whole literal before it hands the message over).
        /// </summary>
        public long ReceiveTicks { get; set; }
        /// <summary>Reading a handed-over message's bytes out of MailKit's stream (already received).</summary>
        public long ReadTicks { get; set; }
        /// <summary>Stopwatch ticks spent hashing.</summary>
        public long HashTicks { get; set; }
        /// <summary>Stopwatch ticks spent writing to disk.</summary>
        public long WriteTicks { get; set; }
        /// <summary>fsync of the batch's files, the renames, the directory fsync (mbox: one fsync of the file).</summary>
        public long DurableTicks { get; set; }
        /// <summary>Appending the manifest and saving the state, once per batch.</summary>
        public long RecordTicks { get; set; }
        readonly long _start = Stopwatch.GetTimestamp();

        /// <summary>The current Stopwatch timestamp, to start a measured stage.</summary>
        public static long Now => Stopwatch.GetTimestamp();

        static string Seconds(long ticks) => (ticks / (double)Stopwatch.Frequency).ToString("0.000", CultureInfo.InvariantCulture);

        /// <summary>"timings: receive 1.234 s, read …, other …"; "other" is SELECT/SEARCH/FETCH of envelopes and the rest.</summary>
        public string Describe()
        {
            long total = Stopwatch.GetTimestamp() - _start;
            long other = total - ReceiveTicks - ReadTicks - HashTicks - WriteTicks - DurableTicks - RecordTicks;
            return $"timings: receive {Seconds(ReceiveTicks)} s, read {Seconds(ReadTicks)} s, hash {Seconds(HashTicks)} s, write {Seconds(WriteTicks)} s, durable {Seconds(DurableTicks)} s, "
                + $"manifest+state {Seconds(RecordTicks)} s, other {Seconds(other)} s, total {Seconds(total)} s";
        }
    }
}
