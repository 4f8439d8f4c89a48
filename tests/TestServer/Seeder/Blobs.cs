using System.Text;

namespace MailTools.Seeder;

/// <summary>
/// Attachment payloads that look like PDF/JPEG/PNG/ZIP files (right magic bytes and trailer, random
/// middle). They are cut from one pre-generated random pool, so multi-megabyte parts cost a copy, not RNG time.
/// </summary>
public sealed class Blobs
{
    private readonly byte[] _pool;

    public Blobs(int seed, int poolBytes = 8 << 20)
    {
        _pool = new byte[poolBytes];
        Rng.For(seed, "blob-pool").Fill(_pool);
    }

    private byte[] Build(Rng rng, int size, byte[] head, byte[] tail)
    {
        size = Math.Max(size, head.Length + tail.Length + 16);
        var data = new byte[size];
        head.CopyTo(data, 0);
        var pos = head.Length;
        var end = size - tail.Length;
        while (pos < end)
        {
            var offset = rng.Next(_pool.Length - 4096);
            var n = Math.Min(end - pos, _pool.Length - offset);
            Buffer.BlockCopy(_pool, offset, data, pos, n);
            pos += n;
        }
        tail.CopyTo(data, end);
        return data;
    }

    public byte[] Pdf(Rng rng, int size)
    {
        var head = Encoding.Latin1.GetBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
                                           "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n<< /Length " + size + " /Filter /FlateDecode >>\nstream\n");
        var tail = Encoding.ASCII.GetBytes("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
        return Build(rng, size, head, tail);
    }

    public byte[] Jpeg(Rng rng, int size) => Build(rng, size,
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00],
        [0xFF, 0xD9]);

    public byte[] Png(Rng rng, int size) => Build(rng, size,
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'],
        [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82]);

    public byte[] Zip(Rng rng, int size) => Build(rng, size, [(byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0], [(byte)'P', (byte)'K', 5, 6, 0, 0, 0, 0]);

    /// <summary>Random bytes with none of NUL, CR, LF: a "binary" body that survives LF storage unchanged.</summary>
    public byte[] BinaryNoLineBreaks(Rng rng, int size)
    {
        var data = Build(rng, size, [], []);
        for (var i = 0; i < data.Length; i++)
            if (data[i] is 0 or 10 or 13) data[i] = (byte)(0x80 + rng.Next(0x7f));
        return data;
    }

    public static string Csv(Rng rng, int size, string[] items)
    {
        var sb = new StringBuilder("order_id;date;item;quantity;price_eur;customer\n");
        while (sb.Length < size)
            sb.Append(rng.Next(10000, 99999)).Append(';').Append($"2025-{rng.Next(1, 13):00}-{rng.Next(1, 29):00}").Append(';')
              .Append(rng.Pick(items)).Append(';').Append(rng.Next(1, 12)).Append(';').Append($"{rng.Next(2, 300)},{rng.Next(0, 100):00}").Append(';')
              .Append(rng.Pick(new[] { "Müller", "Lefèvre", "鈴木", "Park", "O'Brien", "Nowak" })).Append('\n');
        return sb.ToString();
    }
}
