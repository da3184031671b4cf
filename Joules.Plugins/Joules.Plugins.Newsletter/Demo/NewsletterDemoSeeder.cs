using Joules.Plugins.Newsletter.Analytics;
using Joules.Plugins.Newsletter.Campaigns;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Demo;

/// <summary>The demo brand.</summary>
public sealed record DemoBrand(Guid Id, string Name);

/// <summary>A Core customer of the demo brand with a current e-mail marketing consent.</summary>
public sealed record DemoCustomer(Guid Id, string? FirstName, string LastName, string Email, string? PostalCode, string? City,
    DateTimeOffset ConsentAt, string? ConsentText, bool TrackingConsent);

/// <summary>What the demo load created.</summary>
public sealed record DemoSummary(int Subscribers, int Subscriptions, int Campaigns, int Deliveries, int Hits);

/// <summary>Creates the newsletter demo of a brand (lists, settings, subscribers with proof and a 9-month history, two sent
/// campaigns with deliveries, bounces and a tracking history) once: nothing happens when the brand has lists already.
/// Fixed random seed, so every demo looks the same.</summary>
public sealed class NewsletterDemoSeeder(IDbContextFactory<NewsletterDb> factory)
{
    public const int Seed = 20261127;
    public const int TargetSubscribers = 2000;
    public const string NewsletterList = "Newsletter";
    public const string TipsList = "Energiespartipps";

    public const string NewsletterConsent =
        "Ja, ich möchte den Newsletter der Stadtwerke Sonnental GmbH mit Informationen zu Strom- und Gastarifen, Energiespartipps, " +
        "Aktionen und Veranstaltungen in der Region per E-Mail erhalten. Meine Einwilligung kann ich jederzeit mit Wirkung für die " +
        "Zukunft widerrufen, z. B. über den Abmeldelink in jeder Mail. Hinweise zum Datenschutz: www.stadtwerke-sonnental.de/datenschutz";

    public const string TipsConsent =
        "Ja, ich möchte etwa einmal im Monat Energiespartipps der Stadtwerke Sonnental GmbH per E-Mail erhalten. Die Einwilligung kann " +
        "ich jederzeit widerrufen, z. B. über den Abmeldelink in jeder Mail.";

    public const string Imprint =
        "Stadtwerke Sonnental GmbH · Sonnenallee 1 · 79098 Freiburg im Breisgau · Telefon 0761 000000 · service@stadtwerke-sonnental.de\n" +
        "Geschäftsführung: Dr. Katrin Albrecht, Martin Vogel · Amtsgericht Freiburg HRB 000000 · USt-IdNr. DE000000000";

    private sealed class Planned
    {
        public required Subscriber Subscriber { get; init; }
        public List<Subscription> Subscriptions { get; } = [];
        public DateTimeOffset? SuppressedAt { get; set; }
    }

    /// <summary>Loads the demo unless the brand already has lists. <paramref name="writeHits"/> stores the tracking history
    /// (the tracking store); null skips it. Returns null when nothing was done.</summary>
    public async Task<DemoSummary?> SeedAsync(DemoBrand brand, IReadOnlyList<DemoCustomer> customers,
        Func<IReadOnlyList<TrackingHit>, CancellationToken, Task>? writeHits, DateTimeOffset now, CancellationToken ct = default)
    {
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Lists.IgnoreQueryFilters().AnyAsync(l => l.BrandId == brand.Id, ct)) return null;

        var random = new Random(Seed);
        var start = now.AddMonths(-9);
        var deltas = new List<StatDelta>();
        var attributed = new Dictionary<Subscription, long>();
        void Unsubscribe(Subscription sub, DateTimeOffset at, string channel, long campaignId = 0)
        {
            sub.Status = SubscriptionStatus.Unsubscribed;
            sub.UnsubscribedAt = at;
            sub.UnsubscribeChannel = channel;
            if (campaignId != 0) attributed[sub] = campaignId;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        // Lists and settings.
        var newsletter = new MailingList
        {
            BrandId = brand.Id, Name = NewsletterList, Public = true, LegalBasis = ListLegalBasis.Consent, ConsentText = NewsletterConsent,
            Description = "Monatliche Neuigkeiten zu Tarifen, Aktionen und Veranstaltungen", CreatedAt = start.AddDays(-14),
        };
        var tips = new MailingList
        {
            BrandId = brand.Id, Name = TipsList, Public = true, LegalBasis = ListLegalBasis.Consent, ConsentText = TipsConsent,
            Description = "Praktische Tipps zum Energiesparen", CreatedAt = start.AddDays(-14),
        };
        db.Lists.AddRange(newsletter, tips);
        if (!await db.Settings.IgnoreQueryFilters().AnyAsync(s => s.BrandId == brand.Id, ct))
            db.Settings.Add(new NewsletterSettings { BrandId = brand.Id, PublicBaseUrl = "", FooterImprint = Imprint, Workers = 4, UpdatedAt = start });
        await db.SaveChangesAsync(ct);

        // Subscribers: customers with consent first, then form subscribers up to the target.
        var planned = new List<Planned>();
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in customers.Take(TargetSubscribers * 6 / 10))
        {
            var email = c.Email.Trim().ToLowerInvariant();
            if (!emails.Add(email)) continue;
            var given = c.ConsentAt >= start && c.ConsentAt < now ? c.ConsentAt
                : random.NextDouble() < 0.7 ? start.AddMinutes(random.Next(0, 20 * 24 * 60)) : SpreadTime(random, start, now);
            var customerTracking = c.TrackingConsent || random.NextDouble() < 0.7;
            planned.Add(new Planned
            {
                Subscriber = new Subscriber
                {
                    BrandId = brand.Id, Email = email, FirstName = c.FirstName, LastName = c.LastName, PostalCode = c.PostalCode, City = c.City,
                    Source = SubscriberSource.Customer, CustomerId = c.Id, TrackingConsent = customerTracking, CreatedAt = given,
                    TrackingConsentAt = customerTracking ? given : null,
                },
            });
        }
        var n = 0;
        while (planned.Count < TargetSubscribers)
        {
            n++;
            var first = DemoNames.FirstNames[random.Next(DemoNames.FirstNames.Length)];
            var last = DemoNames.LastNames[random.Next(DemoNames.LastNames.Length)];
            var local = random.Next(4) switch
            {
                0 => $"{DemoNames.Slug(first)}.{DemoNames.Slug(last)}",
                1 => $"{DemoNames.Slug(first)[0]}.{DemoNames.Slug(last)}",
                2 => $"{DemoNames.Slug(first)}{DemoNames.Slug(last)}{random.Next(60, 99)}",
                _ => $"{DemoNames.Slug(last)}.{DemoNames.Slug(first)}",
            };
            var email = $"{local}@{DemoNames.Domains[random.Next(DemoNames.Domains.Length)]}";
            if (!emails.Add(email))
            {
                email = $"{local}{n}@{DemoNames.Domains[random.Next(DemoNames.Domains.Length)]}";
                if (!emails.Add(email)) continue;
            }
            var town = DemoNames.Towns[random.Next(DemoNames.Towns.Length)];
            var given = random.NextDouble() < 0.15 ? start.AddMinutes(random.Next(0, 30 * 24 * 60)) : SpreadTime(random, start, now);
            var tracking = random.NextDouble() < 0.7;
            planned.Add(new Planned
            {
                Subscriber = new Subscriber
                {
                    BrandId = brand.Id, Email = email, FirstName = first, LastName = last, PostalCode = town.PostalCode, City = town.City,
                    Source = SubscriberSource.Form, TrackingConsent = tracking, TrackingConsentAt = tracking ? given : null, CreatedAt = given,
                    AttributesJson = random.NextDouble() < 0.3 ? $$"""{"kundenart":"{{(random.NextDouble() < 0.8 ? "privat" : "gewerbe")}}"}""" : null,
                },
            });
        }
        await BulkInsert.RunAsync(db, planned.Select(p => p.Subscriber).ToList(), ct, nameof(Subscriber.BrandId), nameof(Subscriber.Email),
            nameof(Subscriber.FirstName), nameof(Subscriber.LastName), nameof(Subscriber.PostalCode), nameof(Subscriber.City), nameof(Subscriber.Language),
            nameof(Subscriber.Source), nameof(Subscriber.CustomerId), nameof(Subscriber.SalesPartnerId), nameof(Subscriber.TrackingConsent),
            nameof(Subscriber.TrackingConsentAt), nameof(Subscriber.AttributesJson), nameof(Subscriber.CreatedAt));
        var ids = await db.Subscribers.IgnoreQueryFilters().Where(s => s.BrandId == brand.Id).Select(s => new { s.Id, s.Email }).ToDictionaryAsync(s => s.Email, s => s.Id, ct);
        foreach (var p in planned) p.Subscriber.Id = ids[p.Subscriber.Email];

        // Subscriptions with proof (customers: the consent text they agreed to), a few unconfirmed, some unsubscribed later.
        var consentTexts = customers.Where(c => !string.IsNullOrWhiteSpace(c.ConsentText)).GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().ConsentText!);
        foreach (var p in planned)
        {
            var s = p.Subscriber;
            var customer = s.Source == SubscriberSource.Customer;
            var proof = customer && s.CustomerId is { } cid && consentTexts.TryGetValue(cid, out var text) ? text : null;
            p.Subscriptions.Add(Subscribe(random, s, newsletter, s.CreatedAt, customer, now, proof));
            if (random.NextDouble() < 0.4)
                p.Subscriptions.Add(Subscribe(random, s, tips, s.CreatedAt.AddMinutes(random.Next(0, 60 * 24 * 40)), customer, now));
        }
        foreach (var sub in planned.SelectMany(p => p.Subscriptions).Where(x => x.ConfirmedAt is not null && random.NextDouble() < 0.06))
        {
            var from = sub.ConfirmedAt!.Value.AddDays(3);
            if (from >= now.AddDays(-1)) continue;
            Unsubscribe(sub, from.AddMinutes(random.NextInt64(0, (long)(now.AddDays(-1) - from).TotalMinutes)),
                random.Next(3) switch { 0 => "link", 1 => "one-click", _ => "preferences" });
        }

        // Two sent campaigns.
        var spring = Campaign(brand, DemoCampaignContent.Spring, new DateTimeOffset(now.AddMonths(-8).AddDays(3).UtcDateTime.Date.AddHours(8), TimeSpan.Zero), [newsletter.Id, tips.Id]);
        var heatPump = Campaign(brand, DemoCampaignContent.HeatPump, new DateTimeOffset(now.AddDays(-21).UtcDateTime.Date.AddHours(7).AddMinutes(30), TimeSpan.Zero), [newsletter.Id]);
        db.Campaigns.AddRange(spring.Campaign, heatPump.Campaign);
        await db.SaveChangesAsync(ct);
        foreach (var (campaign, _, _) in new[] { spring, heatPump })
        {
            db.CampaignLinks.AddRange(LinkScanner.Scan(campaign.HtmlBody).Select(l => new CampaignLink { CampaignId = campaign.Id, Variant = 0, Index = l.Index, Url = l.Url }));
        }

        var hits = new List<TrackingHit>();
        var deliveryRows = new List<CampaignDelivery>();
        var deliveries = 0;
        foreach (var (campaign, weights, lists) in new[] { spring, heatPump })
        {
            var sentAt = campaign.StartedAt!.Value;
            var recipients = planned.Where(p => (p.SuppressedAt is null || p.SuppressedAt > sentAt) && p.Subscriptions.Any(x => lists.Contains(x.ListId)
                    && x.ConfirmedAt <= sentAt && (x.UnsubscribedAt is null || x.UnsubscribedAt > sentAt)))
                .OrderBy(p => p.Subscriber.Id).ToList();
            var sent = new List<(Subscriber Subscriber, bool Delivered)>();
            var at = sentAt;
            foreach (var p in recipients)
            {
                at = at.AddMilliseconds(random.Next(5, 40));
                var roll = random.NextDouble();
                var status = roll < 0.008 ? DeliveryStatus.HardBounce : roll < 0.02 ? DeliveryStatus.SoftBounce : DeliveryStatus.Sent;
                deliveryRows.Add(new CampaignDelivery { CampaignId = campaign.Id, SubscriberId = p.Subscriber.Id, BrandId = brand.Id, Variant = 0, Status = status, At = at });
                deltas.Add(StatCounter.At(at, brand.Id, StatMetric.Sent, campaign.Id));
                if (status != DeliveryStatus.Sent)
                {
                    var hard = status == DeliveryStatus.HardBounce;
                    var bounceAt = at.AddMinutes(hard ? random.Next(0, 3) : random.Next(20, 600));
                    db.Bounces.Add(new BounceRecord
                    {
                        BrandId = brand.Id, Email = p.Subscriber.Email, CampaignId = campaign.Id, SubscriberId = p.Subscriber.Id, At = bounceAt,
                        Kind = hard ? BounceKind.Hard : BounceKind.Soft, Source = hard ? "smtp" : "mailbox",
                        Diagnostic = hard ? $"550 5.1.1 <{p.Subscriber.Email}>: Recipient address rejected: User unknown in virtual mailbox table"
                            : "Action: delayed; Status: 4.2.2; Diagnostic-Code: smtp; 452 4.2.2 Mailbox full",
                    });
                    deltas.Add(StatCounter.At(bounceAt, brand.Id, hard ? StatMetric.HardBounce : StatMetric.SoftBounce, campaign.Id));
                    if (hard)
                    {
                        p.SuppressedAt = bounceAt;
                        db.Suppressions.Add(new Suppression { BrandId = brand.Id, Email = p.Subscriber.Email, Reason = SuppressionReason.HardBounce, CreatedAt = bounceAt, Note = campaign.Name });
                    }
                }
                sent.Add((p.Subscriber, status == DeliveryStatus.Sent));
            }
            deliveries += sent.Count;
            campaign.ToSend = campaign.SentCount = sent.Count;
            campaign.CheckpointSubscriberId = recipients.Count == 0 ? 0 : recipients[^1].Subscriber.Id;
            campaign.FinishedAt = at.AddSeconds(1);

            // Some recipients unsubscribe from the campaign's lists within a few days (attributed to the campaign).
            foreach (var p in recipients.Where(_ => random.NextDouble() < 0.008))
            {
                var when = sentAt.AddMinutes(30 + random.Next(0, 3 * 24 * 60));
                if (when >= now) continue;
                foreach (var sub in p.Subscriptions.Where(x => lists.Contains(x.ListId) && x.UnsubscribedAt is null && x.ConfirmedAt <= sentAt))
                    Unsubscribe(sub, when, random.Next(2) == 0 ? "one-click" : "link", campaign.Id);
            }
            hits.AddRange(History(random, brand.Id, campaign.Id, sentAt, now, sent.Select(s => (s.Subscriber.Id, s.Subscriber.TrackingConsent, s.Delivered)).ToList(), weights));
        }

        var subscriptions = planned.SelectMany(p => p.Subscriptions).ToList();
        foreach (var sub in subscriptions)
        {
            if (sub.ConfirmedAt is { } confirmed) deltas.Add(StatCounter.At(confirmed, brand.Id, StatMetric.Subscribed, 0, sub.ListId));
            if (sub.UnsubscribedAt is { } left)
                deltas.Add(StatCounter.At(left, brand.Id, StatMetric.Unsubscribed, attributed.TryGetValue(sub, out var cid) ? cid : 0, sub.ListId));
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await BulkInsert.RunAsync(db, subscriptions, ct, nameof(Subscription.BrandId), nameof(Subscription.SubscriberId), nameof(Subscription.ListId),
            nameof(Subscription.Status), nameof(Subscription.LegalBasis), nameof(Subscription.Source), nameof(Subscription.ConsentGivenAt),
            nameof(Subscription.ConsentIp), nameof(Subscription.ConsentUserAgent), nameof(Subscription.ConsentTextVersion), nameof(Subscription.ConsentText),
            nameof(Subscription.ConfirmationSentAt), nameof(Subscription.ConfirmedAt), nameof(Subscription.ConfirmedIp), nameof(Subscription.ObjectionNoticeGiven),
            nameof(Subscription.UnsubscribedAt), nameof(Subscription.UnsubscribeChannel));
        await BulkInsert.RunAsync(db, deliveryRows, ct, nameof(CampaignDelivery.CampaignId), nameof(CampaignDelivery.SubscriberId), nameof(CampaignDelivery.BrandId),
            nameof(CampaignDelivery.Variant), nameof(CampaignDelivery.Status), nameof(CampaignDelivery.At), nameof(CampaignDelivery.Error));
        await StatCounter.AddAsync(db, deltas, ct);
        await transaction.CommitAsync(ct);

        hits.Sort((a, b) => a.At.CompareTo(b.At));
        if (writeHits is not null)
            foreach (var chunk in hits.Chunk(5000)) await writeHits(chunk, ct);
        return new DemoSummary(planned.Count, subscriptions.Count, 2, deliveries, hits.Count);
    }


    /// <summary>A time in [start, now) with more weight on recent months (the list grows).</summary>
    private static DateTimeOffset SpreadTime(Random random, DateTimeOffset start, DateTimeOffset now) =>
        start.AddTicks((long)((now - start).Ticks * Math.Sqrt(random.NextDouble()) * 0.995));

    private static Subscription Subscribe(Random random, Subscriber s, MailingList list, DateTimeOffset given, bool customer, DateTimeOffset now,
        string? consentText = null)
    {
        if (given >= now) given = now.AddMinutes(-random.Next(30, 600));
        var sub = new Subscription
        {
            BrandId = s.BrandId, SubscriberId = s.Id, ListId = list.Id, LegalBasis = ListLegalBasis.Consent, ConsentGivenAt = given, ConsentTextVersion = list.ConsentTextVersion,
            ConsentText = consentText ?? list.ConsentText, Source = customer ? "customer-consent" : "form:newsletter/anmelden",
            ConsentIp = customer ? null : $"203.0.113.{random.Next(1, 255)}",
            ConsentUserAgent = customer ? null : DemoNames.UserAgents[random.Next(DemoNames.UserAgents.Length)],
        };
        sub.ConfirmationSentAt = given.AddSeconds(random.Next(2, 20));
        var unconfirmed = !customer && given > now.AddDays(-30) && random.NextDouble() < 0.06;
        if (unconfirmed)
        {
            sub.Status = SubscriptionStatus.Unconfirmed;
            return sub;
        }
        var delay = random.NextDouble() < 0.8 ? TimeSpan.FromMinutes(random.Next(1, 45)) : TimeSpan.FromHours(random.Next(1, 30));
        sub.ConfirmedAt = given + delay < now ? given + delay : now.AddMinutes(-1);
        sub.ConfirmedIp = customer ? null : $"203.0.113.{random.Next(1, 255)}";
        sub.Status = SubscriptionStatus.Confirmed;
        return sub;
    }

    private static (Campaign Campaign, double[] Weights, long[] Lists) Campaign(DemoBrand brand, DemoCampaignContent.Content content, DateTimeOffset sentAt, long[] lists)
    {
        var campaign = new Campaign
        {
            BrandId = brand.Id, Name = content.Name, Subject = content.Subject, Preheader = content.Preheader, HtmlBody = content.Html,
            TextBody = PlainText.FromHtml(content.Html), FromName = brand.Name, FromAddress = "newsletter@stadtwerke-sonnental.de",
            Status = CampaignStatus.Sent, CreatedAt = sentAt.AddDays(-4), UpdatedAt = sentAt.AddMinutes(-20), CreatedBy = "demo",
            StartedAt = sentAt, Phase = SendPhase.Main,
            Lists = lists.Select(id => new CampaignList { ListId = id }).ToList(),
        };
        return (campaign, content.LinkWeights, lists);
    }

    /// <summary>A realistic tracking history of one campaign: human opens decaying over days (about half of the recipients with
    /// tracking consent open, so about a third of all), repeated opens, clicks concentrated on the first (main) link, machine
    /// opens and clicks (privacy proxies, link scanners), and anonymous clicks (no opens) from recipients without tracking consent.</summary>
    public static List<TrackingHit> History(Random random, Guid brandId, long campaignId, DateTimeOffset sentAt, DateTimeOffset now,
        IReadOnlyList<(long SubscriberId, bool TrackingConsent, bool Delivered)> recipients, IReadOnlyList<double> linkWeights)
    {
        var hits = new List<TrackingHit>();
        var end = now.AddMinutes(-1);
        void Add(long? subscriber, TrackingKind kind, int? link, bool machine, DateTimeOffset at)
        {
            if (at < end) hits.Add(new TrackingHit(brandId, campaignId, subscriber, kind, 0, link, machine, at));
        }
        int PickLink()
        {
            var roll = random.NextDouble() * linkWeights.Sum();
            for (var i = 0; i < linkWeights.Count; i++)
            {
                roll -= linkWeights[i];
                if (roll <= 0) return i;
            }
            return 0;
        }
        DateTimeOffset Delay(DateTimeOffset from, double meanHours) => from.AddMinutes(Math.Min(14 * 24 * 60, -Math.Log(1 - random.NextDouble()) * meanHours * 60) + random.Next(1, 5));

        foreach (var (id, consent, delivered) in recipients)
        {
            if (!delivered) continue;
            if (consent && random.NextDouble() < 0.08) Add(id, TrackingKind.Open, null, true, sentAt.AddSeconds(random.Next(20, 600)));
            if (random.NextDouble() < 0.02)
                for (var link = 0; link < linkWeights.Count; link++) Add(consent ? id : null, TrackingKind.Click, link, true, sentAt.AddSeconds(random.Next(5, 120)));

            if (consent)
            {
                if (random.NextDouble() >= 0.5) continue;
                var first = Delay(sentAt, random.NextDouble() < 0.7 ? 5 : 40);
                Add(id, TrackingKind.Open, null, false, first);
                var again = first;
                while (random.NextDouble() < 0.35)
                {
                    again = Delay(again, 24);
                    Add(id, TrackingKind.Open, null, false, again);
                }
                if (random.NextDouble() < 0.3)
                {
                    var clickAt = first.AddSeconds(random.Next(10, 300));
                    var link = PickLink();
                    Add(id, TrackingKind.Click, link, false, clickAt);
                    if (random.NextDouble() < 0.25) Add(id, TrackingKind.Click, random.NextDouble() < 0.5 ? link : PickLink(), false, clickAt.AddSeconds(random.Next(20, 600)));
                }
            }
            else if (random.NextDouble() < 0.12)
            {
                // No pixel without consent; a click counts anonymously.
                Add(null, TrackingKind.Click, PickLink(), false, Delay(sentAt, 8));
            }
        }
        return hits;
    }
}
