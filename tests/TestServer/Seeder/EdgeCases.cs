using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace MailTools.Seeder;

/// <summary>One hand-made message for the "edge" profile. Every one carries "X-MailTools-Edge: Name".</summary>
public sealed record EdgeMessage(string Name, string Folder, byte[] Bytes, DateTimeOffset InternalDate, string Flags, string[] Keywords, string Description);

/// <summary>
/// Messages that trip exporters and parsers. Written raw (LF line ends, as Dovecot stores them) so
/// nothing "fixes" them on the way; the big and nested ones go through MimeKit.
/// </summary>
public static class EdgeCases
{
    /// <summary>Extra folders whose names are awkward on disk or on Windows; "Projects/Alpha" has no parent folder.</summary>
    public static readonly string[] Folders = ["Odd & Names", "Q&A: \"Quotes\" <Angles>?", "Emoji 📦 Parcels", "Projects/Alpha", "Empty"];

    public static List<EdgeMessage> Create(string owner, string ownerAddress, DateTimeOffset now, Rng rng, Blobs blobs)
    {
        var list = new List<EdgeMessage>();
        var domain = ownerAddress.Split('@')[1];

        DateTimeOffset When() => now.AddDays(-1 - rng.Next(0, 30)).AddMinutes(-rng.Next(0, 1440));

        string Head(string name, string? subject, DateTimeOffset date, string? messageId = "", string from = "Edge Case Sender <edge@edge-cases.example>", string extra = "")
        {
            var sb = new StringBuilder();
            sb.Append("Return-Path: <edge@edge-cases.example>\n");
            sb.Append($"Received: from mail.edge-cases.example (mail.edge-cases.example [192.0.2.77])\n\tby mx.{domain} (Postfix) with ESMTPS id {rng.Hex(10).ToUpperInvariant()};\n\t{DateUtils.FormatDate(date)}\n");
            sb.Append($"From: {from}\n");
            sb.Append($"To: {owner} <{ownerAddress}>\n");
            if (subject != null) sb.Append($"Subject: {subject}\n");
            sb.Append($"Date: {DateUtils.FormatDate(date)}\n");
            if (messageId == "") messageId = $"<edge-{name}-{rng.Hex(8)}@edge-cases.example>";
            if (messageId != null) sb.Append($"Message-ID: {messageId}\n");
            sb.Append($"X-MailTools-Edge: {name}\n");
            sb.Append(extra);
            return sb.ToString();
        }

        void Add(string name, string folder, string description, byte[] bytes, string flags = "", string[]? keywords = null, DateTimeOffset? date = null)
        {
            list.Add(new EdgeMessage(name, folder, bytes, date ?? When(), flags, keywords ?? [], description));
        }

        static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        // --- body lines an mbox writer must escape -------------------------------------------
        var d = When();
        Add("from-lines", "INBOX", "Body lines starting with 'From ', '>From ', '>>From ' (first body line too).", Utf8(
            Head("from-lines", "Lines that start with From", d) +
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\n" +
            "From the desk of the editor: this first body line starts with \"From \".\n" +
            ">From an earlier, already escaped mbox line.\n" +
            ">>From a doubly escaped line.\n" +
            ">>>From a triply escaped line.\n" +
            "From: this looks like a header but is body text\n" +
            " From with a leading space\n" +
            "From\n" +
            "FROM in upper case\n" +
            "\n" +
            "From edge@edge-cases.example Thu Jan  1 00:00:00 2025\n" +
            "That line above is a complete mbox envelope line.\n"), "S", date: d);

        // --- 8-bit and binary content ----------------------------------------------------------
        Add("eight-bit-utf8", "INBOX", "text/plain UTF-8 with Content-Transfer-Encoding: 8bit.", Utf8(
            Head("eight-bit-utf8", "8bit UTF-8 body", When()) +
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" +
            "Grüße aus Köln! Straße, Größe, Ärger.\nÀ bientôt, François — c'était très réussi.\n予約の確認をお願いします。\n" +
            "Emoji: 🐾 ✨ 📦 🙏 and a ZWJ family 👨‍👩‍👧\n"), "S");

        var latin1 = Encoding.Latin1;
        Add("eight-bit-latin1", "INBOX", "text/plain ISO-8859-1, 8bit.", Concat(
            Utf8(Head("eight-bit-latin1", "8bit Latin-1 body", When()) + "MIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n"),
            latin1.GetBytes("Grüße aus Köln, à bientôt, ½ Preis, ©2025.\n")));

        Add("eight-bit-windows-1252", "INBOX", "text/plain windows-1252 with smart quotes and euro sign, 8bit.", Concat(
            Utf8(Head("eight-bit-windows-1252", "Windows-1252 body", When()) + "MIME-Version: 1.0\nContent-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: 8bit\n\n"),
            [.. latin1.GetBytes("It"), 0x92, .. latin1.GetBytes("s "), 0x93, .. latin1.GetBytes("quoted"), 0x94, .. latin1.GetBytes(" and costs 20 "), 0x80, .. latin1.GetBytes(" "), 0x96, .. latin1.GetBytes(" honest.\n")]));

        Add("no-charset-8bit", "INBOX", "8-bit UTF-8 body without a charset parameter.", Utf8(
            Head("no-charset-8bit", "No charset but 8bit", When()) + "MIME-Version: 1.0\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\nÜberraschung: kein charset angegeben.\n"));

        Add("unknown-charset", "INBOX", "charset=x-unknown-charset with 8-bit bytes.", Concat(
            Utf8(Head("unknown-charset", "Unknown charset", When()) + "MIME-Version: 1.0\nContent-Type: text/plain; charset=x-unknown-charset\nContent-Transfer-Encoding: 8bit\n\n"),
            [0xC3, 0xA9, 0xE9, 0x20, 0xFE, 0xFF, 0x0A]));

        var iso2022 = Encoding.GetEncoding("iso-2022-jp");
        Add("iso-2022-jp", "INBOX", "Japanese body in ISO-2022-JP (7bit escapes), RFC 2047 ISO-2022-JP subject.", Concat(
            Utf8(Head("iso-2022-jp", "=?ISO-2022-JP?B?" + Convert.ToBase64String(iso2022.GetBytes("会議の議事録")) + "?=", When(),
                from: "=?ISO-2022-JP?B?" + Convert.ToBase64String(iso2022.GetBytes("山田 太郎")) + "?= <taro.yamada@edge-cases.example>") +
                 "MIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n"),
            iso2022.GetBytes("お疲れ様です。\n本日の会議の議事録を送付いたします。\n")), "S");

        var binary = blobs.BinaryNoLineBreaks(rng, 4096);
        Add("binary-part", "INBOX", "multipart/mixed with a Content-Transfer-Encoding: binary part (no NUL/CR/LF bytes, so LF storage keeps it intact).", Concat(
            Utf8(Head("binary-part", "Binary MIME part", When()) +
                 "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"edge-binary\"\n\nThis is a multi-part message in MIME format.\n" +
                 "--edge-binary\nContent-Type: text/plain; charset=us-ascii\n\nThe attachment is sent with CTE binary.\n" +
                 "--edge-binary\nContent-Type: application/octet-stream; name=\"blob.bin\"\nContent-Disposition: attachment; filename=\"blob.bin\"\nContent-Transfer-Encoding: binary\n\n"),
            binary, Utf8("\n--edge-binary--\n")));

        // --- size extremes ---------------------------------------------------------------------
        var big = new MimeMessage();
        big.From.Add(new MailboxAddress("Large File Sender", "large@edge-cases.example"));
        big.To.Add(new MailboxAddress(owner, ownerAddress));
        big.Subject = "Scans of the whole archive (over 20 MB)";
        var bigDate = When();
        big.Date = bigDate;
        big.MessageId = $"edge-huge-{rng.Hex(8)}@edge-cases.example";
        big.Headers.Add("X-MailTools-Edge", "huge");
        var mixed = new Multipart("mixed") { Boundary = "edge-huge-" + rng.Hex(8) };
        mixed.Add(new TextPart("plain") { Text = "All scans attached.\n", ContentTransferEncoding = ContentEncoding.SevenBit });
        mixed.Add(MessageFactory.Attachment(rng, "application", "pdf", "archive-scans.pdf", blobs.Pdf(rng, 15_600_000)));
        big.Body = mixed;
        Add("huge", "Archive", "One message over 20 MB (15.6 MB PDF, base64).", MessageFactory.Serialize(big), "S", date: bigDate);

        Add("long-line", "INBOX", "text/plain 7bit with a single 10,000-character line.", Utf8(
            Head("long-line", "A 10,000 character line", When()) + "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\n" +
            LongLine(rng, 10_000) + "\nShort last line.\n"));

        Add("no-body", "INBOX", "Headers, the blank separator line, and no body at all.", Utf8(Head("no-body", "No body", When()) + "\n"));

        Add("headers-only", "INBOX", "Headers only: not even the blank line that ends the header.", Utf8(Head("headers-only", "Only headers, no separator", When()).TrimEnd('\n')));

        Add("minimal", "INBOX", "Just a Subject and one body line: no From, To, Date or Message-ID.", Utf8("Subject: minimal\nX-MailTools-Edge: minimal\n\nx\n"));

        // --- headers ---------------------------------------------------------------------------
        Add("raw-utf8-headers", "INBOX", "Raw UTF-8 (RFC 6532) in Subject, From, To and a filename, no RFC 2047.", Utf8(
            "From: Zoë Ünlü <zoe.uenlue@edge-cases.example>\nTo: 田中 美咲 <" + ownerAddress + ">\nSubject: Grüße aus Köln – 予約の確認 ✨\n" +
            $"Date: {DateUtils.FormatDate(When())}\nMessage-ID: <edge-raw-utf8-{rng.Hex(8)}@edge-cases.example>\nX-MailTools-Edge: raw-utf8-headers\n" +
            "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"edge-utf8\"\n\n--edge-utf8\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nHallo, anbei die Übersicht.\n" +
            "--edge-utf8\nContent-Type: application/pdf; name=\"Übersicht_春.pdf\"\nContent-Disposition: attachment; filename=\"Übersicht_春.pdf\"\nContent-Transfer-Encoding: base64\n\n" +
            Base64Lines(blobs.Pdf(rng, 3000)) + "--edge-utf8--\n"), "S");

        Add("no-subject", "INBOX", "No Subject header at all.", Utf8(Head("no-subject", null, When()) + "\nThere is no subject.\n"));
        Add("empty-subject", "INBOX", "An empty Subject header.", Utf8(Head("empty-subject", "", When()) + "\nThe subject is empty.\n"));

        var longSubject = string.Join(" ", Enumerable.Range(1, 40).Select(i => i % 5 == 0 ? $"=?utf-8?q?R=C3=A9servation_{i}?=" : $"word{i}-long-subject"));
        Add("long-subject", "INBOX", "A ~800 character folded subject mixing plain words and encoded words.", Utf8(
            Head("long-subject", Fold(longSubject), When()) + "\nLong subject above.\n"));

        Add("bad-encoded-words", "INBOX", "Subject with an unknown charset and a malformed quoted-printable encoded word.", Utf8(
            Head("bad-encoded-words", "=?x-unknown?B?SGVsbG8=?= and =?utf-8?Q?broken_=ZZ_?= and =?utf-8?B?not*base64?=", When()) + "\nBroken encoded words.\n"));

        var longHeaderLine = "X-Long-Header: " + LongLine(rng, 2000) + "\n";
        var received = string.Concat(Enumerable.Range(1, 50).Select(i => $"Received: from hop{i}.edge-cases.example by hop{i + 1}.edge-cases.example; {DateUtils.FormatDate(now.AddDays(-2))}\n"));
        Add("many-headers", "INBOX", "50 Received headers and an unfolded 2,000-character header line.", Utf8(
            received + Head("many-headers", "Fifty hops", When(), extra: longHeaderLine) + "\nHeavy headers.\n"));

        Add("no-date", "INBOX", "No Date header (INTERNALDATE is still set).", Utf8(
            Head("no-date", "No Date header", When()).Replace("\nDate: ", "\nX-Removed-Date: ") + "\nNo date.\n"));
        Add("malformed-date", "INBOX", "Date header that cannot be parsed.", Utf8(
            Head("malformed-date", "Malformed Date", When()).Replace("\nDate: ", "\nX-Old-Date: ") + "Date: Thu, 31 Feb 2023 25:61:00 +9999\n\nBad date.\n"));
        Add("future-date", "INBOX", "Date header in 2100.", Utf8(
            Head("future-date", "From the future", When()).Replace("\nDate: ", "\nX-Old-Date: ") + "Date: Fri, 01 Jan 2100 00:00:00 +0000\n\nFuture.\n"));
        Add("epoch-date", "INBOX", "Date header at the Unix epoch.", Utf8(
            Head("epoch-date", "From 1970", When()).Replace("\nDate: ", "\nX-Old-Date: ") + "Date: Thu, 01 Jan 1970 00:00:00 +0000\n\nEpoch.\n"));

        Add("no-message-id", "INBOX", "No Message-ID header.", Utf8(Head("no-message-id", "No Message-ID", When(), messageId: null) + "\nNo id.\n"));
        var dupId = $"<edge-duplicate-{rng.Hex(8)}@edge-cases.example>";
        Add("duplicate-message-id-1", "INBOX", "Same Message-ID as duplicate-message-id-2 (in Archive), different content.", Utf8(Head("duplicate-message-id-1", "Duplicate id (first)", When(), dupId) + "\nFirst copy.\n"));
        Add("duplicate-message-id-2", "Archive", "Same Message-ID as duplicate-message-id-1 (in INBOX).", Utf8(Head("duplicate-message-id-2", "Duplicate id (second)", When(), dupId) + "\nSecond copy, different body.\n"));
        Add("odd-message-id", "INBOX", "Message-ID without angle brackets and with spaces.", Utf8(Head("odd-message-id", "Odd Message-ID", When(), "not a valid id @ all") + "\nOdd id.\n"));

        // --- MIME structure --------------------------------------------------------------------
        Add("attachment-names", "INBOX", "Attachment file names that are unsafe or awkward on disk.", Utf8(AttachmentNames(Head("attachment-names", "Awkward attachment names", When()), rng, blobs)), "S");
        Add("single-part-attachment", "INBOX", "The whole message is one application/pdf part (no multipart).", Utf8(
            Head("single-part-attachment", "Just a PDF", When()) + "MIME-Version: 1.0\nContent-Type: application/pdf; name=\"scan.pdf\"\nContent-Disposition: attachment; filename=\"scan.pdf\"\nContent-Transfer-Encoding: base64\n\n" +
            Base64Lines(blobs.Pdf(rng, 20_000))));
        Add("html-only", "INBOX", "text/html only, no plain alternative.", Utf8(
            Head("html-only", "HTML only", When()) + "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n" +
            "<html><body><h1>Only HTML</h1><p>Gr=C3=BC=C3=9Fe <b>bold</b> &amp; <a href=3D\"https://edge-cases.example/\">link</a></p></body></html>\n"), "S");
        Add("broken-base64", "INBOX", "Attachment whose base64 has invalid characters and bad padding.", Utf8(
            Head("broken-base64", "Broken base64 attachment", When()) + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"edge-b64\"\n\n--edge-b64\nContent-Type: text/plain\n\nSee attachment.\n" +
            "--edge-b64\nContent-Type: application/octet-stream; name=\"broken.bin\"\nContent-Disposition: attachment; filename=\"broken.bin\"\nContent-Transfer-Encoding: base64\n\nSGVsbG8gV29y!!bGQ*=\n=QQ==\nAAA\n--edge-b64--\n"));
        Add("missing-final-boundary", "INBOX", "multipart/mixed that ends without its closing boundary.", Utf8(
            Head("missing-final-boundary", "Truncated multipart", When()) + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"edge-trunc\"\n\n--edge-trunc\nContent-Type: text/plain\n\nPart one.\n" +
            "--edge-trunc\nContent-Type: application/pdf; name=\"cut.pdf\"\nContent-Disposition: attachment; filename=\"cut.pdf\"\nContent-Transfer-Encoding: base64\n\n" + Base64Lines(blobs.Pdf(rng, 2000))));
        Add("zero-length-attachment", "INBOX", "An attachment with an empty body.", Utf8(
            Head("zero-length-attachment", "Empty attachment", When()) + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"edge-zero\"\n\n--edge-zero\nContent-Type: text/plain\n\nEmpty file attached.\n" +
            "--edge-zero\nContent-Type: text/plain; name=\"empty.txt\"\nContent-Disposition: attachment; filename=\"empty.txt\"\n\n\n--edge-zero--\n"));
        Add("forwarded-rfc822", "INBOX", "A message/rfc822 attachment that itself has an attachment.", Utf8(ForwardedMessage(Head("forwarded-rfc822", "Fwd: Contract with attachment", When()), rng, blobs)), "S");
        Add("deep-nesting", "INBOX", "mixed > alternative > related(html + inline image), plus pdf and message/rfc822.", MessageFactory.Serialize(DeepNesting(owner, ownerAddress, When(), rng, blobs)));
        Add("calendar-invite", "INBOX", "multipart/alternative with text/calendar; method=REQUEST.", Utf8(
            Head("calendar-invite", "Invitation: Quarterly review", When()) + "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"edge-cal\"\n\n--edge-cal\nContent-Type: text/plain\n\nYou are invited.\n" +
            "--edge-cal\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\n\nBEGIN:VCALENDAR\nVERSION:2.0\nMETHOD:REQUEST\nPRODID:-//Edge//EN\nBEGIN:VEVENT\nUID:edge-review@edge-cases.example\n" +
            $"DTSTART:{now.AddDays(10).UtcDateTime:yyyyMMdd}T090000Z\nDTEND:{now.AddDays(10).UtcDateTime:yyyyMMdd}T100000Z\nSUMMARY:Quarterly review\nORGANIZER:mailto:edge@edge-cases.example\nEND:VEVENT\nEND:VCALENDAR\n--edge-cal--\n"));

        // --- flags and keywords ----------------------------------------------------------------
        Add("deleted-in-trash", "Trash", "\\Deleted and \\Seen, not expunged.", Utf8(Head("deleted-in-trash", "Marked deleted", When()) + "\nDeleted but not expunged.\n"), "ST");
        Add("all-flags", "INBOX", "\\Answered \\Flagged \\Deleted \\Seen \\Draft at once.", Utf8(Head("all-flags", "Every system flag", When()) + "\nAll flags.\n"), "DFRST");
        Add("keywords", "INBOX", "Custom keywords $label1, $MDNSent, Project_X.", Utf8(Head("keywords", "Has keywords", When()) + "\nKeywords.\n"), "S", ["$label1", "$MDNSent", "Project_X"]);

        // --- awkward folders -------------------------------------------------------------------
        Add("folder-ampersand", "Odd & Names", "In a folder whose name contains '&' (mUTF-7 '&-').", Utf8(Head("folder-ampersand", "In Odd & Names", When()) + "\nAmpersand folder.\n"), "S");
        Add("folder-windows-reserved", "Q&A: \"Quotes\" <Angles>?", "In a folder named with characters Windows forbids in file names.", Utf8(Head("folder-windows-reserved", "In Q&A folder", When()) + "\nReserved characters.\n"));
        Add("folder-emoji", "Emoji 📦 Parcels", "In a folder with an emoji (a UTF-16 surrogate pair in mUTF-7).", Utf8(Head("folder-emoji", "📦 Parcel arrived", When()) + "\nEmoji folder.\n"), "S");
        Add("folder-no-parent", "Projects/Alpha", "In Projects/Alpha, whose parent Projects does not exist (\\NonExistent).", Utf8(Head("folder-no-parent", "Alpha kickoff", When()) + "\nNo parent.\n"));

        return list;
    }

    private static string LongLine(Rng rng, int length)
    {
        var words = new[] { "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod", "tempor" };
        var sb = new StringBuilder(length + 16);
        while (sb.Length < length) sb.Append(rng.Pick(words)).Append(' ');
        return sb.ToString(0, length);
    }

    private static string Fold(string value)
    {
        // RFC 5322 folding at ~76 columns: LF + tab.
        var sb = new StringBuilder();
        var lineLength = 9;
        foreach (var word in value.Split(' '))
        {
            if (lineLength + word.Length + 1 > 76 && sb.Length > 0) { sb.Append("\n\t"); lineLength = 1; }
            else if (sb.Length > 0) { sb.Append(' '); lineLength++; }
            sb.Append(word);
            lineLength += word.Length;
        }
        return sb.ToString();
    }

    private static string Base64Lines(byte[] data)
    {
        var b64 = Convert.ToBase64String(data);
        var sb = new StringBuilder();
        for (var i = 0; i < b64.Length; i += 76) sb.Append(b64, i, Math.Min(76, b64.Length - i)).Append('\n');
        return sb.ToString();
    }

    private static string AttachmentNames(string head, Rng rng, Blobs blobs)
    {
        var names = new (string Header, string Label)[]
        {
            ("filename=\"../../etc/passwd\"", "path traversal"),
            ("filename=\"a:b*c?.txt\"", "Windows-reserved characters"),
            ("filename=\"   spaced   .pdf\"", "leading/trailing spaces"),
            ("filename=\"CON.txt\"", "Windows device name"),
            ("filename=\"scan.pdf\"", "duplicate name (1)"),
            ("filename=\"scan.pdf\"", "duplicate name (2)"),
            ($"filename=\"{new string('n', 250)}.pdf\"", "255-character name"),
            ("filename*0*=utf-8''%C3%9Cberweisungsbest%C3%A4tigung_f%C3%BCr_die_Jahresabrechnung;\n filename*1*=_2025_mit_allen_Belegen_und_Anlagen_%C3%84%C3%96%C3%9C.pdf", "RFC 2231 continuation, non-ASCII"),
            ("filename=\"=?utf-8?B?8J+TtyBwaG90by5qcGc=?=\"", "RFC 2047 encoded emoji name (📷 photo.jpg)"),
            ("filename=\"trailing-dot.\"", "trailing dot"),
            ("", "no file name at all"),
        };
        var sb = new StringBuilder(head);
        sb.Append("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"edge-names\"\n\n--edge-names\nContent-Type: text/plain\n\n");
        sb.Append(string.Join("\n", names.Select((x, i) => $"{i + 1}. {x.Label}"))).Append('\n');
        foreach (var (header, _) in names)
        {
            sb.Append("--edge-names\nContent-Type: application/octet-stream\n");
            sb.Append(header.Length > 0 ? $"Content-Disposition: attachment; {header}\n" : "Content-Disposition: attachment\n");
            sb.Append("Content-Transfer-Encoding: base64\n\n").Append(Base64Lines(blobs.Pdf(rng, 600 + rng.Next(400))));
        }
        sb.Append("--edge-names--\n");
        return sb.ToString();
    }

    private static string ForwardedMessage(string head, Rng rng, Blobs blobs) =>
        head + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"edge-fwd-outer\"\n\n--edge-fwd-outer\nContent-Type: text/plain; charset=utf-8\n\nForwarding the contract below.\n" +
        "--edge-fwd-outer\nContent-Type: message/rfc822; name=\"Contract.eml\"\nContent-Disposition: attachment; filename=\"Contract.eml\"\n\n" +
        "From: Legal <legal@edge-cases.example>\nTo: Someone <someone@edge-cases.example>\nSubject: Contract\nDate: Mon, 06 Jan 2025 10:00:00 +0100\nMessage-ID: <inner-contract@edge-cases.example>\n" +
        "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"edge-fwd-inner\"\n\n--edge-fwd-inner\nContent-Type: text/plain\n\nSigned contract attached.\n" +
        "--edge-fwd-inner\nContent-Type: application/pdf; name=\"contract.pdf\"\nContent-Disposition: attachment; filename=\"contract.pdf\"\nContent-Transfer-Encoding: base64\n\n" +
        Base64Lines(blobs.Pdf(rng, 8000)) + "--edge-fwd-inner--\n\n--edge-fwd-outer--\n";

    private static MimeMessage DeepNesting(string owner, string ownerAddress, DateTimeOffset date, Rng rng, Blobs blobs)
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress("Nesting Doll", "nesting@edge-cases.example"));
        m.To.Add(new MailboxAddress(owner, ownerAddress));
        m.Subject = "Deeply nested MIME";
        m.Date = date;
        m.MessageId = $"edge-deep-{rng.Hex(8)}@edge-cases.example";
        m.Headers.Add("X-MailTools-Edge", "deep-nesting");
        var related = new MultipartRelated { Boundary = "edge-deep-rel" };
        related.Add(new TextPart("html") { Text = "<html><body><p>Inline image:</p><img src=\"cid:pic@edge\"></body></html>", ContentTransferEncoding = ContentEncoding.QuotedPrintable });
        var img = MessageFactory.Attachment(rng, "image", "png", "pic.png", blobs.Png(rng, 5000), inline: true);
        img.ContentId = "pic@edge";
        related.Add(img);
        var alt = new MultipartAlternative { Boundary = "edge-deep-alt" };
        alt.Add(new TextPart("plain") { Text = "Inline image (HTML only).\n", ContentTransferEncoding = ContentEncoding.SevenBit });
        alt.Add(related);
        var inner = new MimeMessage();
        inner.From.Add(new MailboxAddress("Inner", "inner@edge-cases.example"));
        inner.To.Add(new MailboxAddress(owner, ownerAddress));
        inner.Subject = "Inner message";
        inner.Date = date.AddDays(-3);
        inner.MessageId = "edge-deep-inner@edge-cases.example";
        inner.Body = new TextPart("plain") { Text = "Inner body.\n", ContentTransferEncoding = ContentEncoding.SevenBit };
        var mixed = new Multipart("mixed") { Boundary = "edge-deep-mixed" };
        mixed.Add(alt);
        mixed.Add(MessageFactory.Attachment(rng, "application", "pdf", "report.pdf", blobs.Pdf(rng, 12_000)));
        mixed.Add(new MessagePart { Message = inner, ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "inner.eml" } });
        m.Body = mixed;
        return m;
    }
}
