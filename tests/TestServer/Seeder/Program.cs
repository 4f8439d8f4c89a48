using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MailTools.Seeder;

public sealed record EdgeInfo(string Name, string Folder, string Description, long Bytes, long VirtualBytes);

public sealed record UserResult(
    string User, string Business, string Address, string Maildir,
    int Messages, int Unseen, int OlderThanYear, long Bytes, long VirtualBytes,
    IReadOnlyList<FolderStats> Folders, IReadOnlyList<EdgeInfo> EdgeCases);

public static class Program
{
    private const string Usage = """
        usage: dotnet MailTools.Seeder.dll --maildir <Maildir root> [--user <name>] [--maildir ... --user ...]
                                           [--profile none|small|demo|edge|bench|scale5k|scale50k] [--seed N] [--now yyyy-MM-dd]
                                           [--manifest <file.json>] [--host <name>]
          --maildir/--user  repeatable, paired in order; --user picks the business for demo users
                            (reiki, therapy, fhtgroup, pawsome) and the address; default: the folder above Maildir
          --profile         default small
          --seed            default 1; same seed + user + profile + --now => byte-identical files
          --now             the "today" that dates count back from (default: today 00:00 UTC)
          --manifest        write per-user, per-folder counts (and edge cases) as JSON
        Writes Dovecot Maildir++ files (folder names in modified UTF-7, '.' as separator on disk).
        Run it before Dovecot starts or while it runs; the files must end up owned by the mail uid.
        """;

    public static int Main(string[] args)
    {
        try { return Run(args); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }

    private static int Run(string[] args)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);   // ISO-2022-JP for the edge profile
        var maildirs = new List<string>();
        var users = new List<string>();
        var profile = "small";
        var seed = 1;
        DateTimeOffset? now = null;
        string? manifest = null;
        var host = "mailtools-seed";
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--maildir": maildirs.Add(Value()); break;
                case "--user": users.Add(Value()); break;
                case "--profile": profile = Value().ToLowerInvariant(); break;
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--now": now = new DateTimeOffset(DateTime.SpecifyKind(DateTime.Parse(Value(), CultureInfo.InvariantCulture), DateTimeKind.Utc)); break;
                case "--manifest": manifest = Value(); break;
                case "--host": host = Value(); break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        if (maildirs.Count == 0) throw new ArgumentException("--maildir is required");
        if (users.Count == 0)
            users.AddRange(maildirs.Select(m => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(m).TrimEnd('/'))) ?? "user"));
        if (users.Count != maildirs.Count) throw new ArgumentException("give one --user per --maildir");
        var spec = ProfileSpec.Get(profile);
        var today = now ?? new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);

        var sw = Stopwatch.StartNew();
        var results = new UserResult[users.Count];
        Parallel.For(0, users.Count, i => results[i] = SeedUser(users[i], maildirs[i], spec, seed, today, host));
        var seconds = sw.Elapsed.TotalSeconds;

        if (manifest != null)
        {
            var json = JsonSerializer.Serialize(new
            {
                generator = "MailTools.Seeder",
                profile = spec.Name,
                seed,
                now = today,
                seconds = Math.Round(seconds, 3),
                messages = results.Sum(r => r.Messages),
                bytes = results.Sum(r => r.Bytes),
                virtualBytes = results.Sum(r => r.VirtualBytes),
                users = results,
            }, new JsonSerializerOptions
            {
                WriteIndented = true,
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,   // keep "Réservations" readable
            });
            File.WriteAllText(manifest, json + "\n");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded profile={spec.Name} seed={seed} users={string.Join(',', users)} messages={results.Sum(r => r.Messages)} " +
            $"bytes={results.Sum(r => r.Bytes)} vsize={results.Sum(r => r.VirtualBytes)} folders={results.Sum(r => r.Folders.Count)} seconds={seconds:F2}"));
        return 0;
    }

    private static bool CanCarryAttachment(FolderKind kind) => kind is FolderKind.Inbox or FolderKind.Clients or FolderKind.Archive or FolderKind.Sent;

    private static double AttachmentChance(FolderKind kind, ProfileSpec spec) => kind switch
    {
        FolderKind.Inbox or FolderKind.Clients or FolderKind.Archive or FolderKind.Sent or FolderKind.Trash => spec.AttachmentChance,
        FolderKind.Drafts => spec.AttachmentChance / 2,
        FolderKind.Bookings => spec.AttachmentChance / 3,
        _ => 0,
    };

    public static UserResult SeedUser(string user, string maildir, ProfileSpec spec, int seed, DateTimeOffset now, string host)
    {
        var business = Business.For(user);
        var blobs = new Blobs(seed);
        var writer = new MaildirWriter(maildir, host, now);
        var factory = new MessageFactory(business, user, now, blobs);
        foreach (var f in spec.Folders) writer.EnsureFolder(f.Name);
        if (spec.EdgeCases) foreach (var f in EdgeCases.Folders) writer.EnsureFolder(f);

        // Which of the attachment-capable messages get a 1-5 MB attachment.
        var planRng = Rng.For(seed, user, spec.Name, "plan");
        var eligible = spec.Folders.Where(f => CanCarryAttachment(f.Kind)).Sum(f => f.Count);
        var large = new HashSet<int>();
        while (large.Count < Math.Min(spec.LargeCount, eligible)) large.Add(planRng.Next(eligible));

        var eligibleIndex = 0;
        foreach (var folder in spec.Folders)
        {
            // One stream per folder: changing one folder's count leaves the others' content unchanged.
            var rng = Rng.For(seed, user, spec.Name, folder.Name);
            for (var i = 0; i < folder.Count; i++)
            {
                var attachment = 0;
                if (CanCarryAttachment(folder.Kind) && large.Contains(eligibleIndex++)) attachment = rng.Next(spec.LargeMin, spec.LargeMax);
                else if (rng.Chance(AttachmentChance(folder.Kind, spec)))
                    attachment = (int)Math.Exp(Math.Log(spec.AttachmentMin) + rng.NextDouble() * (Math.Log(spec.AttachmentMax) - Math.Log(spec.AttachmentMin)));
                var g = factory.Create(folder.Kind, rng, attachment, folder.Year);
                writer.Write(folder.Name, g.Bytes, g.InternalDate, g.Flags, g.Keywords, rng);
            }
        }

        var edges = new List<EdgeInfo>();
        if (spec.EdgeCases)
        {
            var rng = Rng.For(seed, user, "edge");
            foreach (var e in EdgeCases.Create(business.Owner, factory.Owner.Email, now, rng, blobs))
            {
                writer.Write(e.Folder, e.Bytes, e.InternalDate, e.Flags, e.Keywords, rng);
                edges.Add(new EdgeInfo(e.Name, e.Folder, e.Description, e.Bytes.Length, MaildirWriter.VirtualSize(e.Bytes)));
            }
        }

        if (spec.MinTotalBytes > 0)
        {
            // Top up with big archived messages until the size floor is met.
            var rng = Rng.For(seed, user, spec.Name, "filler");
            while (writer.Folders.Sum(f => f.Bytes) < spec.MinTotalBytes)
            {
                var g = factory.Create(FolderKind.Archive, rng, rng.Next(2_000_000, 5_000_000));
                writer.Write("Archive", g.Bytes, g.InternalDate, g.Flags, g.Keywords, rng);
            }
        }

        writer.Finish(new[] { "INBOX" }.Concat(writer.Folders.Select(f => f.Name)).Distinct());
        var folders = writer.Folders.ToList();
        return new UserResult(user, business.Org, factory.Owner.Email, Path.GetFullPath(maildir),
            folders.Sum(f => f.Messages), folders.Sum(f => f.Unseen), folders.Sum(f => f.OlderThanYear),
            folders.Sum(f => f.Bytes), folders.Sum(f => f.VirtualBytes), folders, edges);
    }
}
