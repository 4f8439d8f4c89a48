using System.Net;
using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace MailTools.Seeder;

public enum FolderKind { Inbox, Sent, Drafts, Trash, Junk, Archive, Newsletters, Bookings, Clients }

/// <summary>One message ready for the Maildir: LF line ends, flags as Maildir letters.</summary>
public sealed record Generated(byte[] Bytes, DateTimeOffset InternalDate, string Flags, string[] Keywords);

/// <summary>Builds realistic messages for one mailbox owner; every choice comes from the Rng passed in.</summary>
public sealed class MessageFactory
{
    private static readonly FormatOptions Format = CreateFormat();
    private static readonly string[] Mailers =
    [
        "Mozilla Thunderbird 115.12.2", "Apple Mail (2.3774.600.62)", "Microsoft Outlook 16.0", "K-9 Mail for Android",
        "Roundcube Webmail/1.6.7", "iPhone Mail (21F90)", "Evolution 3.46.4",
    ];

    private static readonly string[] SupplierSubjects =
        ["Question about invoice {n}", "Order for next month", "Delivery date for order {n}?", "Updated billing address", "Re-order: {item}"];

    private readonly Business _b;
    private readonly Person _owner;
    private readonly DateTimeOffset _now;
    private readonly Blobs _blobs;
    private readonly List<(string Id, string Subject, Person From, string Text, DateTimeOffset Date)> _incoming = [];

    public MessageFactory(Business business, string user, DateTimeOffset now, Blobs blobs)
    {
        _b = business;
        _owner = new Person(business.Owner, $"{user}@{business.Domain}");
        _now = now;
        _blobs = blobs;
    }

    public Person Owner => _owner;

    private static FormatOptions CreateFormat()
    {
        var f = FormatOptions.Default.Clone();
        f.NewLineFormat = NewLineFormat.Unix;   // Dovecot's Maildir stores LF
        return f;
    }

    public static byte[] Serialize(MimeMessage message)
    {
        using var ms = new MemoryStream();
        message.WriteTo(Format, ms);
        return ms.ToArray();
    }

    // ---- entry point --------------------------------------------------------------------------

    /// <param name="attachmentBytes">0 = none; otherwise the approximate raw size of one attachment.</param>
    /// <param name="year">Restrict dates to this calendar year (Clients/2025), or 0.</param>
    public Generated Create(FolderKind kind, Rng rng, int attachmentBytes, int year = 0)
    {
        var (date, internalDate) = PickDate(kind, rng, year);
        MimeMessage m;
        var incoming = true;
        var category = "client";
        switch (kind)
        {
            case FolderKind.Sent:
                m = OwnerMessage(rng, date, attachmentBytes, draft: false); incoming = false; category = "sent"; break;
            case FolderKind.Drafts:
                m = OwnerMessage(rng, date, attachmentBytes, draft: true); incoming = false; category = "draft"; break;
            case FolderKind.Junk:
                m = Spam(rng, date); category = "spam"; break;
            case FolderKind.Newsletters:
                m = NewsletterMessage(rng, date); category = "newsletter"; break;
            case FolderKind.Bookings:
                m = Booking(rng, date, attachmentBytes); category = "booking"; break;
            default:
                category = PickCategory(kind, rng);
                m = category switch
                {
                    "invoice" => Invoice(rng, date, Math.Max(attachmentBytes, 0)),
                    "notification" => Notification(rng, date),
                    "newsletter" => NewsletterMessage(rng, date),
                    "booking" => Booking(rng, date, attachmentBytes),
                    "colleague" => PersonMessage(rng, date, rng.Pick(_b.Colleagues), rng.Pick(_b.ColleagueSubjects), attachmentBytes),
                    "spam" => Spam(rng, date),
                    _ => PersonMessage(rng, date, rng.Pick(_b.Clients), null, attachmentBytes),
                };
                break;
        }
        if (incoming) AddReceived(m, rng, date, internalDate);
        var flags = PickFlags(kind, category, rng, internalDate);
        var keywords = new List<string>();
        if (kind == FolderKind.Junk) keywords.Add("$Junk");
        else if (incoming && flags.Contains('S') && category is "client" or "colleague" && rng.Chance(0.04)) keywords.Add("$Forwarded");
        if (incoming && category is "client" or "colleague")
        {
            var sender = m.From.Mailboxes.First();
            _incoming.Add((m.MessageId ?? "", m.Subject ?? "", new Person(sender.Name ?? "", sender.Address), "", date));
        }
        return new Generated(Serialize(m), internalDate, flags, keywords.ToArray());
    }

    private static string PickCategory(FolderKind kind, Rng rng)
    {
        var table = kind switch
        {
            FolderKind.Inbox => new[] { ("client", 40), ("colleague", 10), ("invoice", 10), ("notification", 17), ("newsletter", 8), ("booking", 5) },
            FolderKind.Archive => [("client", 45), ("invoice", 25), ("colleague", 15), ("notification", 15)],
            FolderKind.Trash => [("notification", 35), ("newsletter", 30), ("client", 20), ("spam", 15)],
            FolderKind.Clients => [("client", 85), ("invoice", 15)],
            _ => [("client", 1)],
        };
        var roll = rng.Next(table.Sum(t => t.Item2));
        foreach (var (name, weight) in table) { if (roll < weight) return name; roll -= weight; }
        return "client";
    }

    // ---- dates and flags ----------------------------------------------------------------------

    private (DateTimeOffset Date, DateTimeOffset Internal) PickDate(FolderKind kind, Rng rng, int year)
    {
        double ageDays;
        if (year > 0)
        {
            var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var end = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
            if (start < _now.AddDays(-729)) start = _now.AddDays(-729);
            if (end > _now) end = _now;
            if (end <= start) { start = _now.AddDays(-729); end = _now; }
            ageDays = (_now - start).TotalDays - rng.NextDouble() * (end - start).TotalDays;
        }
        else ageDays = kind switch
        {
            FolderKind.Drafts => rng.NextDouble() * 45,
            FolderKind.Archive => rng.Chance(0.7) ? 365 + rng.NextDouble() * 364 : 30 + rng.NextDouble() * 335,
            // With Archive and Clients/2025 this makes ~40% of a mailbox older than a year; the newer part
            // leans towards recent weeks like a real inbox.
            _ => rng.Chance(0.3) ? 365.2 + rng.NextDouble() * 363.5 : Math.Pow(rng.NextDouble(), 1.3) * 364,
        };
        var day = _now.AddDays(-Math.Floor(ageDays)).UtcDateTime.Date;
        var local = day.AddHours(7 + rng.NextDouble() * 15);          // sent between 07:00 and 22:00 "local"
        var offset = OffsetFor(rng.Chance(0.7) ? "en" : rng.Pick(new[] { "de", "fr", "ja" }), local);
        var date = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
        date = new DateTimeOffset(date.Ticks - date.Ticks % TimeSpan.TicksPerSecond, offset);
        // INTERNALDATE = Date ± minutes: arrival a little later, occasionally a sender clock running fast.
        var delaySeconds = kind is FolderKind.Sent or FolderKind.Drafts ? rng.Next(0, 4) : rng.Chance(0.05) ? -rng.Next(10, 300) : rng.Next(3, 900);
        var internalDate = date.ToUniversalTime().AddSeconds(delaySeconds);
        if (internalDate > _now) { internalDate = _now.AddMinutes(-rng.Next(5, 600)); date = internalDate.AddSeconds(-delaySeconds).ToOffset(offset); }
        return (date, internalDate);
    }

    private static TimeSpan OffsetFor(string lang, DateTime when)
    {
        var summer = when.Month is >= 4 and <= 10;
        return lang switch
        {
            "de" or "fr" => TimeSpan.FromHours(summer ? 2 : 1),
            "ja" => TimeSpan.FromHours(9),
            _ => TimeSpan.FromHours(summer ? 1 : 0),
        };
    }

    private string PickFlags(FolderKind kind, string category, Rng rng, DateTimeOffset internalDate)
    {
        var recent = internalDate > _now.AddDays(-30);
        var seen = kind switch
        {
            // Tuned so that about 70% of a whole mailbox is \Seen.
            FolderKind.Inbox => category == "newsletter" ? 0.3 : recent ? 0.3 : 0.65,
            FolderKind.Newsletters => 0.35,
            FolderKind.Junk => 0.3,
            FolderKind.Trash => 0.9,
            FolderKind.Bookings => 0.75,
            FolderKind.Clients => 0.85,
            FolderKind.Archive => 0.97,
            _ => 1.0,
        };
        var flags = new StringBuilder();
        if (kind == FolderKind.Drafts) flags.Append('D');
        var flagged = kind is FolderKind.Inbox or FolderKind.Clients or FolderKind.Archive or FolderKind.Bookings ? 0.07 : 0.015;
        if (rng.Chance(flagged)) flags.Append('F');
        var isSeen = rng.Chance(seen);
        if (isSeen && category is "client" or "colleague" && kind != FolderKind.Sent && rng.Chance(0.35)) flags.Append('R');
        if (isSeen) flags.Append('S');
        return flags.ToString();
    }

    // ---- message kinds ------------------------------------------------------------------------

    private MimeMessage PersonMessage(Rng rng, DateTimeOffset date, Person from, string? subjectTemplate, int attachmentBytes)
    {
        var isReply = rng.Chance(0.3);
        var subject = Fill(subjectTemplate ?? SubjectFor(from, rng), rng, from);
        var paragraphs = Compose(rng, from.Lang, _owner, from.Lang == "en" ? _b.ClientSentences : Business.ForeignSentences[from.Lang], from);
        string? quoteOf = null;
        if (isReply)
        {
            subject = (from.Lang == "de" ? "AW: " : from.Lang == "fr" ? "RE: " : "Re: ") + subject;
            quoteOf = string.Join("\n\n", Compose(rng, "en", from, _b.OwnerSentences, _owner, signOff: false));
        }
        var m = NewMessage(rng, from, [_owner], subject, date);
        if (isReply)
        {
            var parent = $"{rng.Hex(16)}@{_b.Domain}";
            m.InReplyTo = "<" + parent + ">";
            m.References.Add(parent);
        }
        if (rng.Chance(0.25)) m.Cc.Add(ToAddress(rng.Pick(_b.Colleagues)));
        var text = Paragraphs(paragraphs, from.Lang);
        if (quoteOf != null) text += "\n\n" + Quote(rng, _owner.Name, date.AddHours(-rng.Next(2, 72)), quoteOf);
        m.Body = WithAttachments(rng, Body(rng, text, paragraphs), attachmentBytes, from);
        return m;
    }

    private MimeMessage OwnerMessage(Rng rng, DateTimeOffset date, int attachmentBytes, bool draft)
    {
        var to = rng.Chance(0.8) ? rng.Pick(_b.Clients) : rng.Chance(0.5) ? rng.Pick(_b.Colleagues) : rng.Pick(_b.Suppliers);
        var earlier = _incoming.Where(i => i.Date < date && i.From.Email == to.Email).ToList();
        string subject;
        string? quote = null;
        MimeMessage m;
        if (earlier.Count > 0 && rng.Chance(0.6))
        {
            var parent = earlier[rng.Next(earlier.Count)];
            subject = parent.Subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? parent.Subject : "Re: " + parent.Subject;
            quote = string.Join("\n\n", Compose(rng, to.Lang, _owner, to.Lang == "en" ? _b.ClientSentences : Business.ForeignSentences[to.Lang], to, signOff: false));
            m = NewMessage(rng, _owner, [to], subject, date);
            m.InReplyTo = "<" + parent.Id + ">";
            m.References.Add(parent.Id);
        }
        else
        {
            var toSupplier = _b.Suppliers.Contains(to);
            subject = draft && rng.Chance(0.2) ? "" : Fill(rng.Pick(toSupplier ? SupplierSubjects : _b.ClientSubjects), rng, to);
            m = NewMessage(rng, _owner, [to], subject, date);
        }
        var paragraphs = Compose(rng, "en", to, _b.OwnerSentences, _owner, signOff: !draft);
        if (draft) paragraphs = paragraphs.Take(Math.Max(1, paragraphs.Count - 1)).ToList();
        var text = Paragraphs(paragraphs, "en");
        if (quote != null) text += "\n\n" + Quote(rng, to.Name, date.AddHours(-rng.Next(1, 48)), quote);
        if (!draft) text += "\n\n-- \n" + _b.Signature(_owner.Name);
        m.Body = WithAttachments(rng, Body(rng, text, paragraphs), attachmentBytes, to);
        if (draft) m.Headers.Add("X-Mozilla-Draft-Info", "internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0");
        return m;
    }

    private MimeMessage Invoice(Rng rng, DateTimeOffset date, int attachmentBytes)
    {
        var from = rng.Pick(_b.Suppliers);
        var number = $"{date.Year}-{rng.Next(100, 9999)}";
        var amount = $"{rng.Next(20, 2400)}.{rng.Next(0, 100):00}";
        var subject = from.Lang switch
        {
            "de" => $"Ihre Rechnung Nr. {number} – fällig am {date.AddDays(14):dd.MM.yyyy}",
            "fr" => $"Votre facture n° {number} – échéance le {date.AddDays(30):dd/MM/yyyy}",
            _ => rng.Chance(0.5) ? $"Invoice {number} from {from.Name}" : $"Your invoice {number} is ready",
        };
        var m = NewMessage(rng, from, [_owner], subject, date);
        var item = rng.Pick(_b.Items);
        var lines = from.Lang switch
        {
            "de" => new List<string> { $"Guten Tag {_owner.First},", $"anbei erhalten Sie unsere Rechnung Nr. {number} über {amount} € für „{item}“.", "Bitte überweisen Sie den Betrag innerhalb von 14 Tagen.", "Mit freundlichen Grüßen\n" + from.Name },
            "fr" => [$"Bonjour {_owner.First},", $"Veuillez trouver ci-joint la facture n° {number} d'un montant de {amount} € pour « {item} ».", "Le règlement est à effectuer sous 30 jours.", "Cordialement,\n" + from.Name],
            _ => [$"Dear {_owner.First},", $"Please find attached invoice {number} for {item}: £{amount}.", $"Payment is due within 30 days. Bank transfer reference: INV{number.Replace("-", "")}.", "Thank you for your business.\n" + from.Name],
        };
        var text = Paragraphs(lines, from.Lang);
        var body = Body(rng, text, lines);
        var pdfName = from.Lang switch { "de" => $"Rechnung_{number}_März.pdf", "fr" => $"Facture_{number}_été.pdf", _ => $"Invoice-{number}.pdf" };
        var size = attachmentBytes > 0 ? attachmentBytes : rng.Next(25_000, 140_000);
        m.Body = Mixed(rng, body, Attachment(rng, "application", "pdf", pdfName, _blobs.Pdf(rng, size)));
        return m;
    }

    private MimeMessage Notification(Rng rng, DateTimeOffset date)
    {
        var from = rng.Pick(_b.Notifiers);
        var m = NewMessage(rng, from, [_owner], Fill(rng.Pick(_b.NotificationSubjects), rng, _owner), date);
        m.Headers.Add("Auto-Submitted", "auto-generated");
        var lines = new List<string> { $"Hello {_owner.First},", Fill(rng.Pick(_b.NotificationSubjects), rng, _owner) + ".",
            "You can see the details in your account at any time.", "This is an automated message, please do not reply." };
        m.Body = Body(rng, Paragraphs(lines, "en"), lines, forceHtml: true);
        return m;
    }

    private MimeMessage NewsletterMessage(Rng rng, DateTimeOffset date)
    {
        var nl = rng.Pick(_b.Newsletters);
        var subject = Fill(rng.Pick(nl.Subjects), rng, _owner);
        var m = NewMessage(rng, nl.From, [_owner], subject, date);
        var listHost = nl.ListId.Trim('<', '>');
        m.Headers.Add("List-Id", $"{nl.From.Name} {nl.ListId}");
        m.Headers.Add("List-Unsubscribe", $"<https://{listHost}/unsubscribe/{rng.Hex(20)}>, <mailto:unsubscribe@{listHost}?subject=unsubscribe>");
        m.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        m.Headers.Add("Precedence", "bulk");
        var sections = new List<string>();
        for (var i = rng.Next(3, 7); i > 0; i--)
            sections.Add(Fill(rng.Pick(nl.Subjects), rng, _owner) + "\n" + string.Join(" ", Compose(rng, nl.From.Lang, _owner,
                Business.NewsletterSentences[nl.From.Lang], nl.From, signOff: false, localized: true).Skip(1)));
        var text = $"{subject}\n\n" + string.Join("\n\n", sections.Select(s => Wrap(s, nl.From.Lang))) +
                   $"\n\nYou are receiving this because you subscribed at {listHost}.\nUnsubscribe: https://{listHost}/unsubscribe";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(subject)).Append("</title></head>");
        html.Append("<body style=\"margin:0;background:#f4f4f4;font-family:Helvetica,Arial,sans-serif\"><table role=\"presentation\" width=\"100%\"><tr><td align=\"center\">");
        html.Append("<table width=\"600\" style=\"background:#ffffff\"><tr><td style=\"padding:24px\">");
        var related = rng.Chance(0.35);
        var cid = $"logo.{rng.Hex(12)}@{listHost}";
        if (related) html.Append($"<img src=\"cid:{cid}\" alt=\"{WebUtility.HtmlEncode(nl.From.Name)}\" width=\"120\">");
        else html.Append($"<img src=\"https://{listHost}/img/logo.png\" alt=\"{WebUtility.HtmlEncode(nl.From.Name)}\" width=\"120\">");
        html.Append("<h1 style=\"font-size:22px\">").Append(WebUtility.HtmlEncode(subject)).Append("</h1>");
        foreach (var s in sections)
        {
            var parts = s.Split('\n', 2);
            html.Append("<h2 style=\"font-size:17px\">").Append(WebUtility.HtmlEncode(parts[0])).Append("</h2><p>")
                .Append(WebUtility.HtmlEncode(parts.Length > 1 ? parts[1] : "")).Append($"</p><p><a href=\"https://{listHost}/read/{rng.Hex(10)}\">Read more →</a></p>");
        }
        html.Append($"<p style=\"font-size:11px;color:#888\"><a href=\"https://{listHost}/unsubscribe\">Unsubscribe</a></p></td></tr></table></td></tr></table></body></html>");
        MimeEntity htmlPart = Text("html", html.ToString(), rng, preferQp: true);
        if (related)
        {
            var rel = new MultipartRelated { Boundary = Boundary(rng) };
            rel.Add(htmlPart);
            var logo = Attachment(rng, "image", "png", "logo.png", _blobs.Png(rng, rng.Next(3_000, 20_000)), inline: true);
            logo.ContentId = cid;
            rel.Add(logo);
            htmlPart = rel;
        }
        m.Body = Alternative(rng, Text("plain", text, rng), htmlPart);
        return m;
    }

    private MimeMessage Booking(Rng rng, DateTimeOffset date, int attachmentBytes)
    {
        var from = rng.Pick(Business.Travel);
        var stay = date.AddDays(rng.Next(7, 60));
        var reference = rng.Hex(8).ToUpperInvariant();
        var (subject, lines) = from.Lang switch
        {
            "fr" => ($"Réservation confirmée : {from.Name} du {stay:dd/MM/yyyy}", new List<string>
            {
                $"Bonjour {_owner.First},", $"Votre réservation n° {reference} est confirmée pour le {stay:dddd d MMMM yyyy}.",
                "Arrivée à partir de 15h00, départ avant 11h00. Le petit-déjeuner est inclus.", "Nous vous souhaitons un agréable séjour !",
            }),
            "de" => ($"Ihre Buchungsbestätigung – Auftrag {reference}", new List<string>
            {
                $"Guten Tag {_owner.First},", $"vielen Dank für Ihre Buchung. Ihre Reise am {stay:dd.MM.yyyy} ist bestätigt (Auftragsnummer {reference}).",
                "Bitte führen Sie bei der Fahrkartenkontrolle einen gültigen Lichtbildausweis mit.", "Gute Reise wünscht Ihnen Ihr Team von " + from.Name,
            }),
            "ja" => ($"【予約確定】{stay:yyyy年M月d日} ご宿泊のお知らせ", new List<string>
            {
                $"{_owner.Name} 様", "この度はご予約いただき、誠にありがとうございます。", $"予約番号：{reference}", $"チェックイン：{stay:yyyy年M月d日} 15:00〜",
                "ご来館を心よりお待ちしております。",
            }),
            _ => ($"Booking confirmed: {from.Name}, {stay:d MMM yyyy}", new List<string>
            {
                $"Hi {_owner.First},", $"Your booking {reference} is confirmed for {stay:dddd d MMMM yyyy}.",
                "You can manage or cancel your booking online up to 24 hours before arrival.", "We look forward to welcoming you.",
            }),
        };
        var m = NewMessage(rng, from, [_owner], subject, date);
        var body = Body(rng, Paragraphs(lines, from.Lang), lines, forceHtml: true);
        var parts = new List<MimeEntity>();
        if (rng.Chance(0.5))
        {
            var ics = $"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//{from.Name}//Booking//EN\nMETHOD:PUBLISH\nBEGIN:VEVENT\nUID:{reference}@{from.Email.Split('@')[1]}\n" +
                      $"DTSTAMP:{date.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}\nDTSTART:{stay.UtcDateTime:yyyyMMdd'T'150000'Z'}\nDTEND:{stay.UtcDateTime.AddDays(1):yyyyMMdd'T'110000'Z'}\n" +
                      $"SUMMARY:{from.Name} {reference}\nEND:VEVENT\nEND:VCALENDAR\n";
            var cal = new TextPart("calendar") { ContentTransferEncoding = ContentEncoding.SevenBit };
            cal.SetText("utf-8", ics.Replace("\n", "\r\n"));
            cal.ContentType.Parameters.Add("method", "PUBLISH");
            cal.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "booking.ics" };
            parts.Add(cal);
        }
        if (attachmentBytes > 0 || rng.Chance(0.3))
        {
            var name = from.Lang switch { "fr" => "Réservation-confirmée.pdf", "de" => "Buchungsbestätigung.pdf", "ja" => "予約確認書.pdf", _ => "e-ticket.pdf" };
            parts.Add(Attachment(rng, "application", "pdf", name, _blobs.Pdf(rng, attachmentBytes > 0 ? attachmentBytes : rng.Next(30_000, 120_000))));
        }
        m.Body = parts.Count == 0 ? body : Mixed(rng, body, parts.ToArray());
        return m;
    }

    private MimeMessage Spam(Rng rng, DateTimeOffset date)
    {
        var from = rng.Pick(Business.Spammers);
        var m = NewMessage(rng, from, [_owner], rng.Pick(Business.SpamSubjects), date);
        m.Headers.Add("X-Spam-Flag", "YES");
        m.Headers.Add("X-Spam-Status", $"Yes, score={rng.Next(6, 25)}.{rng.Next(10)} required=5.0");
        var lines = new List<string> { "Dear customer,", "We were unable to process your request. Click the link below within 24 hours to avoid suspension.",
            $"http://{from.Email.Split('@')[1]}/verify?id={rng.Hex(24)}", "Regards, Support" };
        m.Body = Body(rng, Paragraphs(lines, "en"), lines, forceHtml: true);
        return m;
    }

    // ---- building blocks ----------------------------------------------------------------------

    private MimeMessage NewMessage(Rng rng, Person from, Person[] to, string subject, DateTimeOffset date)
    {
        var m = new MimeMessage();   // its constructor adds a random Message-Id and the current Date: both replaced below
        m.From.Add(ToAddress(from));
        foreach (var t in to) m.To.Add(ToAddress(t));
        m.Subject = subject;
        m.Date = date;
        m.MessageId = $"{rng.Hex(8)}.{rng.Hex(12)}@{from.Email.Split('@')[1]}";
        m.Headers.Add(rng.Chance(0.5) ? "User-Agent" : "X-Mailer", rng.Pick(Mailers));
        return m;
    }

    private static MailboxAddress ToAddress(Person p) => new(p.Name, p.Email);

    private void AddReceived(MimeMessage m, Rng rng, DateTimeOffset date, DateTimeOffset internalDate)
    {
        var senderHost = "mail." + (m.From.Mailboxes.FirstOrDefault()?.Domain ?? "example.net");
        var ip = $"{rng.Pick(new[] { "192.0.2", "198.51.100", "203.0.113" })}.{rng.Next(1, 254)}";
        m.Headers.Insert(0, new Header("Received",
            $"from {senderHost} ({senderHost} [{ip}])\tby mx.{_b.Domain} (Postfix) with ESMTPS id {rng.Hex(10).ToUpperInvariant()}\tfor <{_owner.Email}>; {DateUtils.FormatDate(internalDate)}"));
        m.Headers.Insert(0, new Header("Return-Path", $"<{m.From.Mailboxes.FirstOrDefault()?.Address}>"));
        m.Headers.Insert(1, new Header("Delivered-To", _owner.Email));
    }

    private string SubjectFor(Person from, Rng rng)
    {
        // Prefer a subject in the sender's language when there is one.
        var pool = _b.ClientSubjects.Where(s => LanguageOf(s) == from.Lang).ToArray();
        return rng.Pick(pool.Length > 0 && rng.Chance(0.8) ? pool : _b.ClientSubjects.Where(s => LanguageOf(s) == "en").ToArray());
    }

    private static string LanguageOf(string s)
    {
        if (s.Any(c => c >= 0x3040 && c <= 0x9FFF)) return "ja";
        if (s.StartsWith("Anmeldung") || s.StartsWith("Termin") || s.StartsWith("Treffen") || s.StartsWith("Frage") || s.StartsWith("Angebot")) return "de";
        if (s.StartsWith("Inscription") || s.StartsWith("Demande") || s.StartsWith("Réunion") || s.StartsWith("Commande") || s.StartsWith("Devis")) return "fr";
        return "en";
    }

    /// <param name="localized">sentences are already in <paramref name="lang"/>; otherwise non-English mail uses ForeignSentences.</param>
    private List<string> Compose(Rng rng, string lang, Person to, string[] sentences, Person from, bool signOff = true, bool localized = false)
    {
        var pool = lang == "en" || localized ? sentences : Business.ForeignSentences[lang];
        var paragraphs = new List<string> { Fill(rng.Pick(Business.Greetings[lang]), rng, to) };
        for (var p = rng.Next(1, 4); p > 0; p--)
        {
            var sb = new List<string>();
            for (var s = rng.Next(1, 4); s > 0; s--) sb.Add(Fill(rng.Pick(pool), rng, to));
            paragraphs.Add(string.Join(lang == "ja" ? "" : " ", sb));
        }
        // Some paragraphs start with "From " (a classic mbox trap).
        if (lang == "en" && rng.Chance(0.08)) paragraphs.Insert(1 + rng.Next(paragraphs.Count - 1), rng.Pick(Business.FromLines));
        if (signOff) paragraphs.Add(rng.Pick(Business.SignOffs[lang]) + "\n" + (lang == "ja" ? from.Name : from.Name.Split(' ')[0]));
        return paragraphs;
    }

    private static string Paragraphs(IEnumerable<string> paragraphs, string lang) => string.Join("\n\n", paragraphs.Select(p => Wrap(p, lang)));

    private static string Quote(Rng rng, string who, DateTimeOffset when, string text)
    {
        // Some clients quote with ">" and no space, which turns "From ..." into ">From ...".
        var prefix = rng.Chance(0.3) ? ">" : "> ";
        var header = $"On {when:ddd, d MMM yyyy 'at' HH:mm}, {who} wrote:";
        return header + "\n" + string.Join("\n", Wrap(text, "en").Split('\n').Select(l => l.Length == 0 ? ">" : prefix + l));
    }

    private static string Wrap(string text, string lang, int width = 72)
    {
        if (lang == "ja") return text;
        var lines = new List<string>();
        foreach (var para in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in para.Split(' '))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width) { lines.Add(line.ToString()); line.Clear(); }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            lines.Add(line.ToString());
        }
        return string.Join("\n", lines);
    }

    private string Fill(string template, Rng rng, Person to)
    {
        if (!template.Contains('{')) return template;
        var date = _now.AddDays(rng.Next(-300, 40));
        return template
            .Replace("{first}", to.First)
            .Replace("{date}", date.ToString("d MMMM"))
            .Replace("{time}", $"{rng.Next(9, 19)}:{(rng.Chance(0.5) ? "00" : "30")}")
            .Replace("{amount}", $"{rng.Next(15, 900)}")
            .Replace("{n}", $"{rng.Next(1000, 99999)}")
            .Replace("{year}", $"{_now.Year - rng.Next(0, 2)}")
            .Replace("{pet}", rng.Pick(Business.Pets))
            .Replace("{course}", rng.Pick(Business.Courses))
            .Replace("{item}", rng.Pick(_b.Items));
    }

    private static TextPart Text(string subtype, string text, Rng rng, bool preferQp = false)
    {
        var ascii = text.All(c => c < 128);
        var part = new TextPart(subtype);
        if (ascii) { part.SetText("us-ascii", text); part.ContentTransferEncoding = subtype == "html" ? ContentEncoding.QuotedPrintable : ContentEncoding.SevenBit; return part; }
        var latin = text.All(c => c < 256);
        part.SetText(latin && rng.Chance(0.15) ? "iso-8859-1" : "utf-8", text);
        var roll = rng.NextDouble();
        part.ContentTransferEncoding = preferQp || roll < 0.75 ? ContentEncoding.QuotedPrintable : roll < 0.9 ? ContentEncoding.Base64 : ContentEncoding.EightBit;
        return part;
    }

    private MimeEntity Body(Rng rng, string text, IEnumerable<string> paragraphs, bool forceHtml = false)
    {
        var plain = Text("plain", text, rng);
        if (!forceHtml && rng.Chance(0.3)) return plain;
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body><div style=\"font-family:Arial,sans-serif;font-size:14px\">" +
                   string.Concat(paragraphs.Select(p => "<p>" + WebUtility.HtmlEncode(p).Replace("\n", "<br>") + "</p>")) + "</div></body></html>";
        return Alternative(rng, plain, Text("html", html, rng, preferQp: true));
    }

    private static string Boundary(Rng rng) => "----=_Part_" + rng.Hex(20);

    private static Multipart Alternative(Rng rng, params MimeEntity[] parts)
    {
        var mp = new MultipartAlternative { Boundary = Boundary(rng) };
        foreach (var p in parts) mp.Add(p);
        return mp;
    }

    private static Multipart Mixed(Rng rng, MimeEntity body, params MimeEntity[] attachments)
    {
        var mp = new Multipart("mixed") { Boundary = Boundary(rng) };
        mp.Add(body);
        foreach (var a in attachments) mp.Add(a);
        return mp;
    }

    public static MimePart Attachment(Rng rng, string type, string subtype, string fileName, byte[] content, bool inline = false)
    {
        var part = new MimePart(type, subtype)
        {
            Content = new MimeContent(new MemoryStream(content, writable: false)),
            ContentDisposition = new ContentDisposition(inline ? ContentDisposition.Inline : ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = fileName,
        };
        // Non-ASCII names: MimeKit writes RFC 2231 by default; some real clients send RFC 2047 instead.
        if (fileName.Any(c => c > 127) && rng.Chance(0.4))
            foreach (var p in part.ContentDisposition.Parameters.Concat(part.ContentType.Parameters).Where(p => p.Name is "filename" or "name"))
                p.EncodingMethod = ParameterEncodingMethod.Rfc2047;
        return part;
    }

    private MimeEntity WithAttachments(Rng rng, MimeEntity body, int attachmentBytes, Person counterpart)
    {
        if (attachmentBytes <= 0) return body;
        var photo = rng.Chance(0.4);
        var count = attachmentBytes < 500_000 && rng.Chance(0.25) ? 2 : 1;
        var parts = new List<MimeEntity>();
        for (var i = 0; i < count; i++)
        {
            var size = count == 1 ? attachmentBytes : attachmentBytes / 2 + rng.Next(1000);
            var name = Fill(rng.Pick(photo ? _b.PhotoNames : _b.DocumentNames), rng, counterpart);
            if (photo) parts.Add(Attachment(rng, "image", "jpeg", name, _blobs.Jpeg(rng, size)));
            else if (name.EndsWith(".docx"))
                parts.Add(Attachment(rng, "application", "vnd.openxmlformats-officedocument.wordprocessingml.document", name, _blobs.Zip(rng, size)));
            else if (name.EndsWith(".csv"))
            {
                var csv = new TextPart("csv") { ContentTransferEncoding = ContentEncoding.QuotedPrintable, FileName = name };
                csv.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = name };
                csv.SetText("utf-8", Blobs.Csv(rng, Math.Min(size, 200_000), _b.Items));
                parts.Add(csv);
            }
            else parts.Add(Attachment(rng, "application", "pdf", name, _blobs.Pdf(rng, size)));
        }
        return Mixed(rng, body, parts.ToArray());
    }
}
