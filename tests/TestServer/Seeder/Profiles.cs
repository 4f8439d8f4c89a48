namespace MailTools.Seeder;

public sealed record FolderPlan(string Name, FolderKind Kind, int Count, int Year = 0);

/// <summary>What one user's mailbox looks like for a profile. Attachment sizes are raw bytes (base64 adds ~37%).</summary>
public sealed record ProfileSpec(
    string Name,
    FolderPlan[] Folders,
    double AttachmentChance,
    int AttachmentMin,
    int AttachmentMax,
    int LargeCount,
    int LargeMin,
    int LargeMax,
    long MinTotalBytes = 0,
    bool EdgeCases = false)
{
    // Generation order matters a little: Sent replies to messages generated before it.
    private static FolderPlan[] Standard(int inbox, int sent, int drafts, int trash, int junk, int archive, int news, int bookings, int clients, int clients2025) =>
    [
        new("INBOX", FolderKind.Inbox, inbox),
        new("Clients", FolderKind.Clients, clients),
        new("Clients/2025", FolderKind.Clients, clients2025, Year: 2025),
        new("Sent", FolderKind.Sent, sent),
        new("Archive", FolderKind.Archive, archive),
        new("Trash", FolderKind.Trash, trash),
        new("Junk", FolderKind.Junk, junk),
        new("Newsletters", FolderKind.Newsletters, news),
        new("Réservations", FolderKind.Bookings, bookings),
        new("Drafts", FolderKind.Drafts, drafts),
    ];

    private static FolderPlan[] Scaled(int divisor) =>
    [
        new("INBOX", FolderKind.Inbox, 15_000 / divisor),
        new("Sent", FolderKind.Sent, 8_000 / divisor),
        new("Archive", FolderKind.Archive, 17_000 / divisor),
        new("Newsletters", FolderKind.Newsletters, 7_000 / divisor),
        new("Junk", FolderKind.Junk, 3_000 / divisor),
    ];

    public static ProfileSpec Get(string name) => name switch
    {
        "none" => new("none", Standard(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 0, 0, 0, 0, 0),
        // ~150 messages, ~5 MB: fast enough for every test.
        "small" => new("small", Standard(60, 25, 3, 8, 6, 20, 14, 8, 4, 6), 0.10, 15_000, 250_000, 1, 1_000_000, 1_500_000),
        // ~1,000 messages and ~50 MB per user.
        "demo" => new("demo", Standard(380, 180, 8, 60, 40, 170, 90, 40, 25, 35), 0.12, 20_000, 400_000, 5, 1_000_000, 4_000_000),
        // A small normal mailbox plus the exporter edge cases (EdgeCases.cs).
        "edge" => new("edge", Standard(25, 6, 2, 4, 3, 6, 4, 3, 2, 3), 0.10, 15_000, 200_000, 1, 1_000_000, 2_000_000, EdgeCases: true),
        // >= 5,000 messages, >= 400 MB (guaranteed by filler messages), ~40% older than a year.
        "bench" => new("bench", Standard(1800, 900, 20, 300, 200, 1200, 500, 150, 100, 130), 0.25, 30_000, 600_000, 30, 1_000_000, 5_000_000,
            MinTotalBytes: 420L << 20),
        // Issue 13's scale benchmark: 50,000 small messages (no attachments) in 5 folders, ~40% older than a year.
        "scale" => new("scale", Scaled(1), 0, 0, 0, 0, 0, 0),
        // The same shape at a tenth of the size, to check the scale benchmark end to end quickly.
        "scalecheck" => new("scalecheck", Scaled(10), 0, 0, 0, 0, 0, 0),
        // Many small messages, the same shape at two sizes: Measure-Mailbox's flat-memory test and the report benchmark.
        "scale5k" => new("scale5k", Standard(1800, 900, 20, 300, 200, 1200, 500, 50, 10, 20), 0.02, 5_000, 40_000, 3, 1_000_000, 3_000_000),
        "scale50k" => new("scale50k", Standard(18000, 9000, 200, 3000, 2000, 12000, 5000, 500, 100, 200), 0.02, 5_000, 40_000, 3, 1_000_000, 3_000_000),
        _ => throw new ArgumentException($"unknown profile '{name}' (none, small, demo, edge, bench, scale, scalecheck, scale5k, scale50k)"),
    };
}
