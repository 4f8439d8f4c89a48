namespace MailTools.Seeder;

/// <summary>A correspondent. Lang picks greeting, sentences and subject language: en, de, fr, ja.</summary>
public sealed record Person(string Name, string Email, string Lang = "en")
{
    public string First => Lang == "ja" ? Name.Split(' ')[0] + "様" : Name.Split(' ')[0];
}

public sealed record Newsletter(Person From, string ListId, string[] Subjects);

/// <summary>Who the mailbox belongs to and what its mail is about. All domains are under .example (RFC 2606).</summary>
public sealed class Business
{
    public required string Key { get; init; }
    public required string Owner { get; init; }
    public required string Org { get; init; }
    public required string Domain { get; init; }
    public required Person[] Clients { get; init; }
    public required Person[] Colleagues { get; init; }
    public required Person[] Suppliers { get; init; }
    public required Newsletter[] Newsletters { get; init; }
    public required Person[] Notifiers { get; init; }
    public required string[] ClientSubjects { get; init; }
    public required string[] ClientSentences { get; init; }
    public required string[] OwnerSentences { get; init; }
    public required string[] ColleagueSubjects { get; init; }
    public required string[] NotificationSubjects { get; init; }
    public required string[] Items { get; init; }
    public required string[] DocumentNames { get; init; }
    public required string[] PhotoNames { get; init; }

    public string Signature(string owner) => $"{owner}\n{Org}\nhttps://www.{Domain}/";

    public static Business For(string user) => user.ToLowerInvariant() switch
    {
        "reiki" => Reiki,
        "therapy" => Therapy,
        "fhtgroup" => SupportGroup,
        "pawsome" => PetShop,
        _ => Consultancy(user),
    };

    // ---- shared pools -------------------------------------------------------------------------

    public static readonly Person[] Travel =
    [
        new("SNCF Connect", "confirmation@sncf-connect.example", "fr"),
        new("Hôtel Le Méridien Lyon", "reservations@hotel-meridien-lyon.example", "fr"),
        new("Deutsche Bahn", "buchungsbestaetigung@bahn.example", "de"),
        new("Hotel Zur Post München", "info@hotel-zurpost.example", "de"),
        new("じゃらん予約センター", "yoyaku@jalan-travel.example", "ja"),
        new("Booking Confirmations", "noreply@staybooking.example", "en"),
        new("EuroFly Airlines", "itinerary@eurofly.example", "en"),
        new("Gîte des Alpes", "contact@gite-des-alpes.example", "fr"),
    ];

    public static readonly string[] SpamSubjects =
    [
        "You have (1) pending delivery – confirm your address", "URGENT: Your account will be suspended",
        "Congratulations! You've been selected 🎁", "Re: Invoice overdue #88213", "Cheap meds – 80% off today only",
        "Gewinnbenachrichtigung: Sie haben gewonnen!", "Votre colis est en attente de livraison 📦",
        "Your mailbox is full – upgrade now", "Investment opportunity with guaranteed 300% return 💰",
        "【重要】アカウント情報の確認をお願いします", "Final notice: unpaid toll charges", "Hot singles in your area ❤️",
    ];

    public static readonly Person[] Spammers =
    [
        new("Parcel Service", "track@parcel-delivery-notice.example"), new("Security Team", "no-reply@acc0unt-verify.example"),
        new("Prize Department", "winner@lucky-draw.example", "de"), new("Pharmacy Deals", "deals@pharma-cheap.example"),
        new("Crypto Advisor", "advisor@moon-profits.example"), new("Service Client", "service@colis-suivi.example", "fr"),
        new("アカウントセンター", "info@account-center.example", "ja"), new("Mail Admin", "admin@mailbox-upgrade.example"),
    ];

    public static readonly Dictionary<string, string[]> Greetings = new()
    {
        ["en"] = ["Hi {first},", "Hello {first},", "Dear {first},", "Good morning {first},", "Hey {first},"],
        ["de"] = ["Hallo {first},", "Liebe/r {first},", "Guten Tag {first},", "Moin {first},"],
        ["fr"] = ["Bonjour {first},", "Chère/Cher {first},", "Salut {first},", "Bonsoir {first},"],
        ["ja"] = ["{first}", "{first}、こんにちは。"],
    };

    public static readonly Dictionary<string, string[]> SignOffs = new()
    {
        ["en"] = ["Best wishes,", "Kind regards,", "Thanks,", "Warmly,", "Cheers,", "All the best,"],
        ["de"] = ["Viele Grüße", "Herzliche Grüße", "Beste Grüße aus Köln", "Liebe Grüße"],
        ["fr"] = ["Bien à vous,", "Cordialement,", "À bientôt,", "Amitiés,"],
        ["ja"] = ["よろしくお願いいたします。", "今後ともよろしくお願いいたします。"],
    };

    public static readonly Dictionary<string, string[]> ForeignSentences = new()
    {
        ["de"] =
        [
            "Vielen Dank für Ihre schnelle Rückmeldung.", "Anbei finden Sie die Unterlagen für nächste Woche.",
            "Können wir den Termin auf Donnerstag um 14 Uhr verschieben?", "Die Rechnung über {amount} € ist bis zum {date} fällig.",
            "Ich freue mich schon sehr auf unser Treffen in München.", "Bitte bestätigen Sie kurz den Eingang dieser Nachricht.",
            "Leider bin ich am Montag verhindert – wäre Dienstag möglich?", "Für Rückfragen stehe ich Ihnen gern zur Verfügung.",
            "Die Überweisung ist heute früh rausgegangen.", "Grüße auch an das ganze Team, es war wirklich schön!",
        ],
        ["fr"] =
        [
            "Merci beaucoup pour votre réponse rapide.", "Vous trouverez ci-joint le document demandé.",
            "Serait-il possible de décaler le rendez-vous à jeudi après-midi ?", "Le montant de {amount} € sera réglé avant le {date}.",
            "J'ai hâte de participer à l'atelier du mois prochain.", "N'hésitez pas à me rappeler si besoin.",
            "Je suis désolée, je ne pourrai pas être présente lundi.", "Pourriez-vous me confirmer la réservation pour deux personnes ?",
            "Le virement a été effectué ce matin.", "Encore merci pour cette belle séance, c'était très apaisant.",
        ],
        ["ja"] =
        [
            "いつも大変お世話になっております。", "先日はありがとうございました。", "来週の予約を変更させていただけますでしょうか。",
            "資料を添付いたしましたので、ご確認ください。", "お支払いは{date}までに完了いたします。",
            "ご返信をお待ちしております。", "当日は10時に伺います。", "とても楽しい時間を過ごすことができました。",
        ],
    };

    public static readonly Dictionary<string, string[]> NewsletterSentences = new()
    {
        ["en"] =
        [
            "Our editors picked the most useful reads of the week for you.", "Read the full story on our website.",
            "Early-bird tickets are available until the end of the month.", "We asked five experts what they would do differently.",
            "Members can download the slides from the resources page.", "Thank you to everyone who answered last month's survey.",
            "The recording is now online, together with a short summary.", "Spaces are limited, so book early to avoid disappointment.",
        ],
        ["de"] =
        [
            "Unsere Redaktion hat die wichtigsten Neuigkeiten der Woche für Sie zusammengestellt.", "Den vollständigen Artikel finden Sie auf unserer Website.",
            "Frühbucherpreise gelten noch bis Monatsende.", "Vielen Dank an alle, die an unserer Umfrage teilgenommen haben.",
        ],
        ["fr"] =
        [
            "Notre rédaction a sélectionné pour vous les meilleures lectures de la semaine.", "Retrouvez l'article complet sur notre site.",
            "Les inscriptions à tarif réduit sont ouvertes jusqu'à la fin du mois.", "Merci à toutes celles et ceux qui ont répondu à notre enquête.",
        ],
        ["ja"] = ["今週のおすすめ記事をお届けします。", "詳しくはウェブサイトをご覧ください。", "早期割引は今月末までです。"],
    };

    /// <summary>Plain English lines that start with "From " (mbox exporters must escape these).</summary>
    public static readonly string[] FromLines =
    [
        "From what you described on the phone, the second option sounds like the better fit.",
        "From next month the opening hours change to 9:00-17:30, Monday to Saturday.",
        "From the 3rd of May we will be in the new building on Harbour Street.",
        "From my side everything is ready; just let me know when you want to start.",
        "From experience, booking two weeks ahead is usually enough.",
    ];

    // ---- the four demo businesses ------------------------------------------------------------

    public static readonly Business Reiki = new()
    {
        Key = "reiki", Owner = "Maya Lindqvist", Org = "Lotus Light Reiki School", Domain = "lotuslight-reiki.example",
        Clients =
        [
            new("Sarah Thompson", "sarah.thompson@mailbox.example"), new("Jürgen Müller", "j.mueller@posteo.example", "de"),
            new("François Lefèvre", "francois.lefevre@orange.example", "fr"), new("田中 美咲", "misaki.tanaka@docomo.example", "ja"),
            new("Priya Raman", "priya.raman@gmail.example"), new("Zoë O'Connor", "zoe.oconnor@eircom.example"),
            new("Emma Wilson", "emma.w@outlook.example"), new("Björn Åkesson", "bjorn.akesson@telia.example"),
            new("Lucía Fernández", "lucia.fernandez@correo.example"), new("Hannah Schäfer", "hannah.schaefer@web.example", "de"),
            new("Olivia Brown", "olivia.brown@yahoo.example"), new("Chloé Martin", "chloe.martin@free.example", "fr"),
        ],
        Colleagues = [new("Daniel Reyes", "daniel@lotuslight-reiki.example"), new("Aiko Sato", "aiko@lotuslight-reiki.example")],
        Suppliers =
        [
            new("Crystal Haven Wholesale", "accounts@crystalhaven.example"), new("Mandala Hall Venue Hire", "bookings@mandalahall.example"),
            new("PureOils GmbH", "rechnung@pureoils.example", "de"), new("Insure4Therapists", "policies@insure4therapists.example"),
        ],
        Newsletters =
        [
            new(new("Holistic Wellness Weekly", "news@holistic-weekly.example"), "<weekly.holistic-weekly.example>",
                ["5 breathing techniques for busy days 🌿", "This week: energy, sleep and the full moon 🌕", "Your Sunday reading list ✨", "Meditation myths, busted"]),
            new(new("Reiki Association", "members@reiki-association.example"), "<members.reiki-association.example>",
                ["Member update: CPD requirements for {year}", "Annual conference – early bird ends Friday", "New code of practice published"]),
        ],
        Notifiers = [new("SimpleBook", "notifications@simplebook.example"), new("Sunrise Bank", "alerts@sunrise-bank.example")],
        ClientSubjects =
        [
            "Booking: Reiki Level 1 workshop on {date}", "Question about the Level 2 attunement", "Distance healing session – {date}?",
            "Can I bring a friend to the open evening?", "Certificate for Reiki Master course", "Re-scheduling my treatment",
            "Thank you for Saturday 🙏", "Payment for the retreat deposit", "Anmeldung Reiki-Grad 1 am {date}", "Inscription à l'atelier Reiki du {date}",
            "レイキ講座の申し込みについて",
        ],
        ClientSentences =
        [
            "I'd love to book a place on the Level 1 workshop if there is still space.", "Is the course suitable for complete beginners?",
            "I felt so calm after our last session and slept properly for the first time in weeks.",
            "Could we move my treatment to {time} on {date}?", "I have transferred the deposit of £{amount} this morning.",
            "Do I need to bring anything with me, like a blanket or cushion?", "My partner would also like to join the retreat in the autumn.",
            "Will there be a manual for the Level 2 symbols?", "Parking near the hall was tricky last time – is there a better option?",
            "Please let me know what times you have free next week.",
        ],
        OwnerSentences =
        [
            "Thank you so much for your message – I have reserved a place for you.", "The workshop runs from 10:00 to 16:30 with a shared lunch.",
            "You do not need any previous experience for Level 1.", "I have attached the course manual and the directions to the hall.",
            "Your certificate will be posted after the practice case studies are in.", "There is free parking behind the library on Saturdays.",
            "Please wear comfortable clothes and bring a water bottle.", "I can offer {time} on {date} instead, if that works for you.",
        ],
        ColleagueSubjects = ["Rota for the open evening", "Room set-up for Saturday", "Level 2 handouts – updated", "Retreat menu ideas"],
        NotificationSubjects = ["New booking: {course} on {date}", "Payment received: £{amount}", "Reminder: session tomorrow at {time}", "Your monthly statement is ready"],
        Items = ["Reiki Level 1 workshop", "Reiki Level 2 workshop", "Master attunement", "Distance healing session", "Crystal set (7 chakras)", "Lavender essential oil 50 ml", "Hall hire (full day)"],
        DocumentNames = ["Course-manual-Level1.pdf", "Retreat-programme.pdf", "Certificate_{first}.pdf", "Invoice-{n}.pdf", "Directions to Mandala Hall.pdf", "Kursbeschreibung_Grad_2.pdf", "Programme_retraite_été.pdf"],
        PhotoNames = ["retreat-garden.jpg", "treatment-room.jpg", "IMG_{n}.JPG", "group-photo-{year}.jpg"],
    };

    public static readonly Business Therapy = new()
    {
        Key = "therapy", Owner = "Dr. Helen Carter", Org = "Harbour View Therapy Practice", Domain = "harbourview-therapy.example",
        Clients =
        [
            new("Mark Jensen", "mark.jensen@mailbox.example"), new("Anna Kowalski", "anna.kowalski@outlook.example"),
            new("Stéphane Dubois", "stephane.dubois@laposte.example", "fr"), new("Katharina Weiß", "k.weiss@gmx.example", "de"),
            new("山本 健一", "kenichi.yamamoto@ezweb.example", "ja"), new("James O'Brien", "jobrien@eircom.example"),
            new("Fatima Haddad", "fatima.haddad@gmail.example"), new("Noah Becker", "noah.becker@web.example", "de"),
            new("Grace Liu", "grace.liu@icloud.example"), new("Amélie Rousseau", "amelie.rousseau@sfr.example", "fr"),
        ],
        Colleagues = [new("Tom Okafor", "tom.okafor@harbourview-therapy.example"), new("Reception", "reception@harbourview-therapy.example")],
        Suppliers =
        [
            new("ClinicDesk Software", "billing@clinicdesk.example"), new("Harbour Estates (room hire)", "accounts@harbour-estates.example"),
            new("Professional Indemnity Direct", "renewals@pi-direct.example"), new("Büroservice Schmidt", "rechnung@buero-schmidt.example", "de"),
        ],
        Newsletters =
        [
            new(new("Counselling Today", "digest@counselling-today.example"), "<digest.counselling-today.example>",
                ["Research roundup: online vs in-person sessions", "Burnout in the helping professions 🧠", "CPD webinars this month", "Ethics corner: dual relationships"]),
            new(new("Mindful Practice Network", "hello@mindful-practice.example"), "<news.mindful-practice.example>",
                ["Autumn retreat for practitioners 🍂", "New supervision groups forming", "Podcast: trauma-informed care"]),
        ],
        Notifiers = [new("ClinicDesk", "no-reply@clinicdesk.example"), new("Harbour Bank", "alerts@harbour-bank.example")],
        ClientSubjects =
        [
            "Appointment request", "Need to reschedule Thursday", "Intake form", "Invoice for last month's sessions",
            "Question about online sessions", "Thank you", "Cancellation – {date}", "Terminanfrage für {date}", "Demande de rendez-vous",
            "カウンセリングの予約について",
        ],
        ClientSentences =
        [
            "I was referred to you by my GP and would like to arrange a first appointment.", "Would an evening slot be possible on {date}?",
            "I've filled in the intake form and attached it here.", "Could I have a receipt for my insurance claim?",
            "I need to cancel Thursday's session, I'm sorry for the short notice.", "Is it possible to switch to video sessions for a few weeks?",
            "The last session was really helpful, thank you.", "Please let me know the fee for a double session.",
        ],
        OwnerSentences =
        [
            "Thank you for getting in touch.", "I can offer an initial consultation at {time} on {date}.",
            "Please find attached the intake form and our privacy notice.", "Sessions last 50 minutes and cost £{amount}.",
            "Cancellations with less than 24 hours' notice are charged in full.", "Video sessions use the secure link in your booking email.",
            "Your receipt is attached for your insurer.",
        ],
        ColleagueSubjects = ["Supervision notes", "Room 2 heating", "Holiday cover in August", "Team meeting agenda"],
        NotificationSubjects = ["Appointment booked: {date} at {time}", "Payment received: £{amount}", "Reminder: supervision tomorrow", "Invoice {n} is overdue"],
        Items = ["Individual session (50 min)", "Couples session (80 min)", "Initial consultation", "Room hire (half day)", "ClinicDesk subscription (monthly)", "Supervision (60 min)"],
        DocumentNames = ["Intake-form.pdf", "Privacy-notice.pdf", "Receipt-{n}.pdf", "Invoice_{n}.pdf", "Fragebogen_Erstgespräch.pdf", "Attestation_séance.pdf"],
        PhotoNames = ["waiting-room.jpg", "IMG_{n}.JPG"],
    };

    public static readonly Business SupportGroup = new()
    {
        Key = "fhtgroup", Owner = "Ruth Adeyemi", Org = "FHT Family Support Group", Domain = "fhtgroup.example",
        Clients =
        [
            new("Peter Walsh", "peter.walsh@btinternet.example"), new("Margaret Hughes", "maggie.hughes@sky.example"),
            new("Claudia Neumann", "claudia.neumann@t-online.example", "de"), new("Élodie Moreau", "elodie.moreau@wanadoo.example", "fr"),
            new("Sanjay Patel", "sanjay.patel@gmail.example"), new("佐藤 由美", "yumi.sato@softbank.example", "ja"),
            new("Graham Ellis", "graham.ellis@talktalk.example"), new("Bridget Kelly", "bridget.kelly@hotmail.example"),
            new("Tomasz Nowak", "tomasz.nowak@onet.example"), new("Ingrid Larsen", "ingrid.larsen@online.example"),
        ],
        Colleagues = [new("Committee", "committee@fhtgroup.example"), new("David Chen (treasurer)", "treasurer@fhtgroup.example")],
        Suppliers =
        [
            new("St Mary's Church Hall", "hallbookings@stmarys.example"), new("PrintPoint", "orders@printpoint.example"),
            new("Community Foundation", "grants@communityfoundation.example"), new("Café Amélie (catering)", "bonjour@cafe-amelie.example", "fr"),
        ],
        Newsletters =
        [
            new(new("National Carers Network", "updates@carers-network.example"), "<updates.carers-network.example>",
                ["Carers' week: events near you 💛", "Funding round now open", "Policy update: respite care", "Stories from our members"]),
            new(new("Volunteer Hub", "newsletter@volunteerhub.example"), "<newsletter.volunteerhub.example>",
                ["Safeguarding refresher – free course", "Recruiting volunteers in {year}", "Small charities: new reporting rules"]),
        ],
        Notifiers = [new("GiveOnline", "donations@giveonline.example"), new("Meetup Reminders", "reminders@meetups.example")],
        ClientSubjects =
        [
            "Coming on Tuesday", "Lift to the meeting?", "Thank you all 💐", "New member – first meeting", "Donation", "Can't make it this week",
            "Idea for the summer picnic", "Treffen am {date}", "Réunion du {date}", "次回の集まりについて",
        ],
        ClientSentences =
        [
            "I'll be there on Tuesday and can bring biscuits.", "Does anyone have space in their car from the station?",
            "It really helped to talk last week – thank you for listening.", "My sister would like to come along; is that alright?",
            "I've set up a small monthly donation through GiveOnline.", "Sorry, I can't make it this week – hospital appointment.",
            "Could we do the summer picnic in the park again?", "I found a leaflet about respite care that might help others.",
        ],
        OwnerSentences =
        [
            "Lovely to hear from you – everyone is welcome.", "We meet every other Tuesday at 19:00 in St Mary's hall.",
            "I've attached the minutes from the last meeting.", "Tea and coffee are provided; donations are welcome but never expected.",
            "Please remember that what is shared in the group stays in the group.", "The next social is on {date} – save the date!",
        ],
        ColleagueSubjects = ["Committee minutes – {date}", "Treasurer's report", "Grant application draft", "Hall keys"],
        NotificationSubjects = ["You received a donation of £{amount}", "Reminder: group meeting on {date}", "New RSVP for the summer picnic", "Your hall booking is confirmed"],
        Items = ["Hall hire (evening)", "Leaflets A5 x 500", "Catering for 30", "Annual insurance", "Website hosting"],
        DocumentNames = ["Minutes-{date}.pdf", "Treasurers-report-{year}.pdf", "Leaflet-final.pdf", "Grant-application.pdf", "Protokoll_Treffen.pdf"],
        PhotoNames = ["picnic-{year}.jpg", "IMG_{n}.JPG", "hall-layout.jpg"],
    };

    public static readonly Business PetShop = new()
    {
        Key = "pawsome", Owner = "Carlos Mendes", Org = "Pawsome Pet Supplies", Domain = "pawsome-pets.example",
        Clients =
        [
            new("Jenny Park", "jenny.park@gmail.example"), new("Robert Fischer", "r.fischer@gmx.example", "de"),
            new("Mathilde Girard", "mathilde.girard@orange.example", "fr"), new("鈴木 花子", "hanako.suzuki@yahoo.example", "ja"),
            new("Liam Murphy", "liam.murphy@outlook.example"), new("Sophie Turner", "sophie.t@icloud.example"),
            new("Ahmed Karim", "ahmed.karim@mail.example"), new("Lena Vogel", "lena.vogel@web.example", "de"),
            new("Isabelle Roy", "isabelle.roy@videotron.example", "fr"), new("Chris Doyle", "chris.doyle@btinternet.example"),
        ],
        Colleagues = [new("Nina (shop floor)", "nina@pawsome-pets.example"), new("Grooming team", "grooming@pawsome-pets.example")],
        Suppliers =
        [
            new("HappyTails Wholesale", "orders@happytails-wholesale.example"), new("NutriPet GmbH", "rechnung@nutripet.example", "de"),
            new("Aquatic World Distribution", "invoices@aquaticworld.example"), new("Croquettes & Cie", "factures@croquettes-cie.example", "fr"),
        ],
        Newsletters =
        [
            new(new("Pet Trade Monthly", "editor@pettrade-monthly.example"), "<monthly.pettrade-monthly.example>",
                ["Trends: sustainable pet toys 🐾", "Spring trade show preview", "Retail prices index for {year}", "New regulations for pet food labelling"]),
            new(new("NutriPet", "news@nutripet.example", "de"), "<news.nutripet.example>",
                ["Neu im Sortiment: Bio-Leckerlis 🐶", "Frühjahrsaktion für Händler", "Ihre Händlerkonditionen {year}"]),
        ],
        Notifiers = [new("ShopMarket Seller Central", "seller-notifications@shopmarket.example"), new("ParcelGo", "tracking@parcelgo.example")],
        ClientSubjects =
        [
            "Grooming appointment for {pet}", "Is the large cat tree back in stock?", "Order #{n} – wrong size", "Photos of {pet} 🐶",
            "Puppy food recommendation", "Click & collect", "Frage zu Bestellung {n}", "Commande {n} – livraison", "ペットフードの在庫について",
        ],
        ClientSentences =
        [
            "Could I book {pet} in for a wash and trim on {date}?", "The harness I bought is a bit too small – can I swap it for a medium?",
            "Here are some photos of {pet} enjoying the new bed!", "Do you stock grain-free food for a senior cat?",
            "I'd like to pick up my order on Saturday morning.", "The aquarium filter is making a rattling noise since yesterday.",
            "Is there a discount for buying the 12 kg bag?", "{pet} absolutely loves the squeaky hedgehog, we'll need another one.",
        ],
        OwnerSentences =
        [
            "Thanks for your order – it's ready for collection.", "We have a grooming slot at {time} on {date}.",
            "Of course, just bring the harness back with the receipt and we'll swap it.", "The cat tree is due back in stock next Thursday.",
            "I've attached the care sheet for your new fish.", "Loyalty card holders get 10% off bags over 10 kg.",
        ],
        ColleagueSubjects = ["Stock count Sunday", "Grooming schedule next week", "Window display", "Delivery from HappyTails short"],
        NotificationSubjects = ["New order #{n} (£{amount})", "Your parcel {n} has been delivered", "Payout of £{amount} is on its way", "Low stock alert: {item}"],
        Items = ["Grain-free dog food 12 kg", "Cat tree XL", "Aquarium filter 200 l", "Squeaky hedgehog toy", "Dog harness (medium)", "Bird seed mix 5 kg", "Grooming (wash & trim)"],
        DocumentNames = ["Invoice-{n}.pdf", "Care-sheet-tropical-fish.pdf", "Price-list-{year}.pdf", "Lieferschein_{n}.pdf", "Facture_{n}.pdf", "Orders-{date}.csv"],
        PhotoNames = ["{pet}-new-bed.jpg", "IMG_{n}.JPG", "shop-window.jpg", "{pet}_after_grooming.jpeg"],
    };

    /// <summary>Anyone else (alice, bob, ...): a small consultancy.</summary>
    public static Business Consultancy(string user)
    {
        var owner = char.ToUpperInvariant(user[0]) + user[1..] + " Example";
        return new Business
        {
            Key = user, Owner = owner, Org = "Northwind Consulting", Domain = "northwind-consulting.example",
            Clients =
            [
                new("Grace Hopper", "grace@contoso.example"), new("Klaus Bäcker", "klaus.baecker@fabrikam.example", "de"),
                new("Sébastien Leclerc", "s.leclerc@tailspin.example", "fr"), new("伊藤 直樹", "naoki.ito@adatum.example", "ja"),
                new("Alan Turing", "alan@woodgrove.example"), new("Ada Lovelace", "ada@litware.example"),
                new("Maria Garcia", "maria.garcia@proseware.example"), new("Jörg Schröder", "joerg@wingtip.example", "de"),
            ],
            Colleagues = [new("Bob Builder", "bob@northwind-consulting.example"), new("Office", "office@northwind-consulting.example")],
            Suppliers =
            [
                new("CloudHost Ltd", "billing@cloudhost.example"), new("Coworking Central", "accounts@coworking-central.example"),
                new("Steuerbüro Weber", "kanzlei@steuer-weber.example", "de"),
            ],
            Newsletters =
            [
                new(new("Tech Digest", "digest@techdigest.example"), "<digest.techdigest.example>",
                    ["This week in cloud ☁️", "The state of remote work in {year}", "10 tools we can't live without", "Security patch roundup 🔐"]),
                new(new("Le Journal du Freelance", "lettre@journal-freelance.example", "fr"), "<lettre.journal-freelance.example>",
                    ["Fixer ses tarifs en {year}", "Facturation : ce qui change", "Les meilleurs espaces de coworking à Lyon"]),
            ],
            Notifiers = [new("CalendarBot", "calendar@notify.example"), new("Acme Bank", "alerts@acmebank.example")],
            ClientSubjects =
            [
                "Project kickoff – {date}", "Quote for phase 2", "Feedback on the draft report", "Contract renewal", "Quick question",
                "Workshop slides", "Angebot für Phase 2", "Devis pour le projet", "プロジェクトの進捗について",
            ],
            ClientSentences =
            [
                "Could you send over the revised quote by Friday?", "We reviewed the draft and have a few comments, see below.",
                "Can we move the kickoff to {date} at {time}?", "The invoice has been approved and will be paid within 30 days.",
                "Attached are the slides from yesterday's workshop.", "Our legal team asked for two small changes to the contract.",
            ],
            OwnerSentences =
            [
                "Thanks for the quick turnaround.", "I've attached the updated proposal.", "{time} on {date} works for me.",
                "The next milestone is the user testing round in two weeks.", "Let me know if anything is unclear.",
            ],
            ColleagueSubjects = ["Lunch?", "Timesheets", "Server migration", "Holiday calendar"],
            NotificationSubjects = ["Invitation: review meeting @ {date} {time}", "Payment received: €{amount}", "Your statement is ready", "Reminder: {item}"],
            Items = ["Consulting (day rate)", "Workshop facilitation", "Cloud hosting (monthly)", "Desk rental", "Travel expenses"],
            DocumentNames = ["Proposal-v{n}.pdf", "Contract_{year}.pdf", "Invoice-{n}.pdf", "Report-draft.docx", "Rechnung_{n}.pdf", "Devis_{n}.pdf"],
            PhotoNames = ["whiteboard.jpg", "IMG_{n}.JPG", "team-offsite-{year}.jpg"],
        };
    }

    public static readonly string[] Pets = ["Biscuit", "Luna", "Max", "Pepper", "Mochi", "Oskar", "Noisette", "Bella", "Ziggy", "Hachi"];
    public static readonly string[] Courses = ["Level 1", "Level 2", "Master", "Open evening", "Retreat", "Intro session"];
}
