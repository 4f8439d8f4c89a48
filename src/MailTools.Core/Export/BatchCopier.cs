using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MailTools.Core.Export
{
    /// <summary>
    /// The copy loop IMAP and POP3 exports share, for one folder: each message's bytes go from MailKit's stream into the
    /// writer while hashed (SHA-256) and counted, then are committed (or dropped when the same bytes are already on disk);
    /// after each batch, what was committed is made durable, appended to the manifest and recorded in the state, in that
    /// order, even when the batch stopped half-way, so a re-run never fetches a durable message again.
    /// </summary>
    internal sealed class BatchCopier
    {
        readonly IFolderWriter _sink;
        readonly ExportState _state;
        readonly string _statePath;
        readonly string _root;
        readonly ExportResult _result;
        readonly IOutputWriter _writer;
        readonly string _activity;
        readonly int _total;
        readonly long _totalBytes;
        int _done;
        long _doneBytes;

        public BatchCopier(IFolderWriter sink, ExportState state, string statePath, string root, ExportResult result,
            IOutputWriter writer, string activity, IReadOnlyCollection<MessageInfo> todo)
        {
            _sink = sink;
            _state = state;
            _statePath = statePath;
            _root = root;
            _result = result;
            _writer = writer;
            _activity = activity;
            _total = todo.Count;
            _totalBytes = todo.Sum(i => i.Size);
        }

        public ExportTimings Timings { get; } = new ExportTimings();

        /// <summary>After a UIDVALIDITY change: what the export already holds, by size + SHA-256 (see <see cref="UidValidityResync"/>).</summary>
        public UidValidityResync? Resync { get; set; }

        /// <summary>Gives a committed entry its protocol's extras (Gmail's labels) before it is recorded.</summary>
        public Func<ManifestEntry, MessageInfo, ManifestEntry> Tag { get; set; } = (entry, info) => entry;

        /// <summary>Called after each batch was recorded (a throttled run that still moves on is not giving up).</summary>
        public Action? Recorded { get; set; }

        /// <summary>
        /// One batch: <paramref name="fetch"/> gets the server to hand over each message (one pipelined command) and
        /// passes each to the copier it is given. Returns how many messages of the batch were recorded.
        /// </summary>
        public int Batch(Action<Action<MessageInfo, Stream>> fetch)
        {
            var committed = new List<ManifestEntry>();
            try
            {
                fetch((info, stream) => Copy(info, stream, committed));
            }
            finally
            {
                // Whatever was completed before a failure is made durable and recorded, so a re-run does not fetch it again.
                if (committed.Count > 0)
                    Record(committed);
            }
            return committed.Count;
        }

        void Copy(MessageInfo info, Stream stream, List<ManifestEntry> committed)
        {
            var target = _sink.Begin(info);
            try
            {
                using (var hashing = new HashingStream(target, Timings))
                {
                    MessageCopier.Copy(stream, hashing, info.Size, Timings);
                    string sha = hashing.Finish();
                    var old = Resync?.SameBytes(hashing.BytesWritten, sha);
                    if (old != null)
                    {
                        _sink.Abort();   // the same bytes are already on disk: drop this copy, point at that one
                        committed.Add(UidValidityResync.Reuse(old, info.UidValidity, info.Key));
                        Resync!.ReusedByHash++;
                    }
                    else
                    {
                        committed.Add(Tag(_sink.Commit(info, sha, hashing.BytesWritten, hashing.LastByte), info));
                        _result.Bytes += hashing.BytesWritten;
                    }
                }
            }
            catch
            {
                _sink.Abort();   // cleanup only: the half-written message goes, the failure goes on to the envelope
                throw;
            }
            _done++;
            _doneBytes += info.Size;
            _writer.Progress(new ProgressInfo(1, _activity, $"{_done} of {_total} messages, {_doneBytes / 1048576.0:N1} of {_totalBytes / 1048576.0:N1} MB",
                _totalBytes > 0 ? (int)(_doneBytes * 100 / _totalBytes) : _done * 100 / Math.Max(1, _total)));
        }

        void Record(List<ManifestEntry> committed)
        {
            long t0 = ExportTimings.Now;
            _sink.CompleteBatch(_state);
            long t1 = ExportTimings.Now;
            Errors.DiskWriteException.Writing(_root, () =>
            {
                ExportManifest.Append(_root, committed);
                foreach (var e in committed)
                    _state.Add(e.Key);
                _state.Save(_statePath);
            });
            Timings.DurableTicks += t1 - t0;
            Timings.RecordTicks += ExportTimings.Now - t1;
            _result.Exported += committed.Count;
            Recorded?.Invoke();
        }

        /// <summary>Records what an interrupted run wrote but did not record (found by the writer's Recover), instead of writing it again.</summary>
        public static void RecordRecovered(IFolderWriter sink, ExportState state, string statePath, string root, string folder, bool full, IOutputWriter writer)
        {
            var recovered = sink.Recover(state, full, writer);
            Errors.DiskWriteException.Writing(root, () =>
            {
                if (recovered.Count > 0)
                {
                    writer.Verbose($"{folder}: {recovered.Count} message(s) were written by an interrupted run but not yet recorded; recorded them now instead of writing them again.");
                    ExportManifest.Append(root, recovered);
                    foreach (var e in recovered)
                        state.Add(e.Key);
                }
                state.Save(statePath);
            });
        }

        /// <summary>The progress bar's end, when anything was copied.</summary>
        public void Done()
        {
            if (_total > 0)
                _writer.Progress(new ProgressInfo(1, _activity, "Done", 100, completed: true));
        }
    }
}
