using System.Numerics;
using System.Text;

namespace MailTools.Seeder;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Used instead of System.Random, whose seeded sequence
/// is not guaranteed to stay the same across .NET versions: the seeder must be reproducible.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    /// <summary>An independent stream for a named purpose, so adding draws in one place does not shift another.</summary>
    public static Rng For(int seed, params string[] labels)
    {
        var h = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        foreach (var l in labels) h = Hash(l) ^ (h * 31 + 0x632BE59BD9B4E019UL);
        return new Rng(h);
    }

    public static ulong Hash(string s)
    {
        // FNV-1a: stable, unlike string.GetHashCode().
        var h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(s)) { h ^= b; h *= 1099511628211UL; }
        return h;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextULong()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>0 &lt;= result &lt; max.</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)((NextULong() >> 16) % (ulong)max);

    /// <summary>min &lt;= result &lt; max.</summary>
    public int Next(int min, int max) => min + Next(max - min);

    public long NextLong(long min, long max) => max <= min ? min : min + (long)((NextULong() >> 1) % (ulong)(max - min));

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public string Hex(int chars)
    {
        var sb = new StringBuilder(chars);
        while (sb.Length < chars) sb.Append(NextULong().ToString("x16"));
        return sb.ToString(0, chars);
    }

    public void Fill(Span<byte> buffer)
    {
        var i = 0;
        while (i + 8 <= buffer.Length) { BitConverter.TryWriteBytes(buffer.Slice(i, 8), NextULong()); i += 8; }
        if (i < buffer.Length)
        {
            var last = BitConverter.GetBytes(NextULong());
            last.AsSpan(0, buffer.Length - i).CopyTo(buffer[i..]);
        }
    }
}
