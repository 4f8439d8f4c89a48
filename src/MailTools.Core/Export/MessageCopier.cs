using System;
using System.Buffers;
using System.IO;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Copies one message from MailKit's stream to the writer through a pooled buffer, filling it before each write,
    /// so a message of up to 1 MB costs one write (and no new buffer per message).
    /// </summary>
    internal static class MessageCopier
    {
        const int MaxBuffer = 1 << 20;

        public static void Copy(Stream source, Stream target, long expectedSize, ExportTimings timings)
        {
            int size = (int)Math.Min(MaxBuffer, Math.Max(expectedSize + 1, 16 * 1024));   // +1: see the end without a second buffer
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                int filled = 0;
                while (true)
                {
                    long t = ExportTimings.Now;
                    int n = source.Read(buffer, filled, buffer.Length - filled);
                    if (timings != null)
                        timings.ReadTicks += ExportTimings.Now - t;
                    if (n > 0)
                        filled += n;
                    if (filled == buffer.Length || (n == 0 && filled > 0))
                    {
                        target.Write(buffer, 0, filled);
                        filled = 0;
                    }
                    if (n == 0)
                        break;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
