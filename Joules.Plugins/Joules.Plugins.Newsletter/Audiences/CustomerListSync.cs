using Joules.Plugins.Newsletter.Analytics;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>A Core customer with the latest e-mail marketing and tracking consent.</summary>
public sealed record CustomerConsentRecord(Guid CustomerId, string Email, string? FirstName, string? LastName, string? PostalCode, string? City,
    bool MarketingGranted, DateTimeOffset MarketingAt, string MarketingSource, string? MarketingText, bool TrackingGranted, DateTimeOffset? TrackingAt);

/// <summary>A Core sales partner with an e-mail address.</summary>
public sealed record PartnerRecord(Guid PartnerId, string Email, string Name, bool Active);

/// <summary>Reads customers and sales partners of a brand from Core.</summary>
public interface ICoreAudienceSource
{
    /// <summary>Every customer of the brand with an e-mail address and at least one e-mail marketing consent record, with
    /// the latest record (granted or withdrawn).</summary>
    Task<List<CustomerConsentRecord>> CustomersAsync(Guid brandId, CancellationToken ct = default);

    Task<List<PartnerRecord>> PartnersAsync(Guid brandId, CancellationToken ct = default);
}

public sealed record SyncResult(int Added, int Removed);

/// <summary>Lists fed from Core: customers whose latest e-mail marketing consent is granted, and sales partners. Taking
/// them over marks the subscriptions with the source <see cref="CustomerSource"/> / <see cref="PartnerSource"/>; the job
/// keeps every list holding such subscriptions in step (new consents added, withdrawn ones unsubscribed with the channel
/// <see cref="WithdrawnChannel"/>).</summary>
public sealed class CustomerListSync(IDbContextFactory<NewsletterDb> contexts, ICoreAudienceSource core, IAudienceAudit audit, TimeProvider clock)
{
    public const string CustomerSource = "customer-consent";
    public const string PartnerSource = "sales-partner";
    public const string WithdrawnChannel = "consent-withdrawn";
    public const string PartnerInactiveChannel = "partner-inactive";

    public async Task<SyncResult> TakeOverCustomersAsync(long listId, CancellationToken ct = default)
    {
        var result = await SyncCustomersAsync(listId, ct);
        await audit.WriteAsync("NewsletterCustomersTakenOver", "list", listId.ToString(), $"added={result.Added}; removed={result.Removed}", ct);
        return result;
    }

    public async Task<SyncResult> TakeOverPartnersAsync(long listId, CancellationToken ct = default)
    {
        var result = await SyncPartnersAsync(listId, ct);
        await audit.WriteAsync("NewsletterPartnersTakenOver", "list", listId.ToString(), $"added={result.Added}; removed={result.Removed}", ct);
        return result;
    }

    /// <summary>Brings every list that was fed from Core up to date (the job).</summary>
    public async Task<SyncResult> SyncAllAsync(CancellationToken ct = default)
    {
        List<(long Id, bool Customers, bool Partners)> lists;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var fed = await db.Subscriptions.Where(s => s.Source.StartsWith(CustomerSource) || s.Source == PartnerSource)
                .Select(s => new { s.ListId, Customer = s.Source.StartsWith(CustomerSource) }).Distinct().ToListAsync(ct);
            var active = await db.Lists.Where(l => !l.Archived).Select(l => l.Id).ToListAsync(ct);
            lists = fed.Where(f => active.Contains(f.ListId)).GroupBy(f => f.ListId)
                .Select(g => (g.Key, g.Any(x => x.Customer), g.Any(x => !x.Customer))).ToList();
        }
        int added = 0, removed = 0;
        foreach (var (id, customers, partners) in lists)
        {
            if (customers) { var r = await SyncCustomersAsync(id, ct); added += r.Added; removed += r.Removed; }
            if (partners) { var r = await SyncPartnersAsync(id, ct); added += r.Added; removed += r.Removed; }
        }
        return new SyncResult(added, removed);
    }

    private Task<SyncResult> SyncCustomersAsync(long listId, CancellationToken ct) => SyncAsync(listId, new CustomerRules(core), ct);

    private Task<SyncResult> SyncPartnersAsync(long listId, CancellationToken ct) => SyncAsync(listId, new PartnerRules(core), ct);

    /// <summary>One list against one Core source: pass 1 finds or creates each record's subscriber, pass 2 confirms the
    /// subscription of a wanted record or unsubscribes one the source fed and no longer wants.</summary>
    private async Task<SyncResult> SyncAsync<TRecord>(long listId, SourceRules<TRecord> rules, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.Lists.FirstAsync(l => l.Id == listId, ct);
        var records = await rules.RecordsAsync(list.BrandId, ct);
        var now = clock.GetUtcNow();
        var emails = records.Select(rules.Email).ToList();
        var customerIds = records.Select(rules.CustomerId).Where(id => id is not null).ToList();
        var found = await db.Subscribers.Where(s => s.BrandId == list.BrandId && (emails.Contains(s.Email) || customerIds.Contains(s.CustomerId))).ToListAsync(ct);
        var subscriberIds = found.Select(s => s.Id).ToList();
        var subscribers = new SubscriberIndex(found);
        // One subscription per subscriber and list: looked up by subscriber id (the lists may hold tens of thousands).
        var subscriptions = (await db.Subscriptions.Where(s => s.ListId == listId && subscriberIds.Contains(s.SubscriberId)).ToListAsync(ct))
            .ToDictionary(s => s.SubscriberId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Pass 1: subscribers (new ones get their ids).
        var pairs = new List<(TRecord Record, Subscriber Subscriber)>();
        foreach (var record in records)
        {
            var subscriber = subscribers.Find(rules.CustomerId(record), rules.Email(record));
            if (subscriber is null)
            {
                if (!rules.Wanted(record)) continue;
                subscriber = rules.NewSubscriber(record, list.BrandId, now);
                db.Subscribers.Add(subscriber);
            }
            rules.Update(subscriber, record, now);
            subscribers.Add(subscriber);
            pairs.Add((record, subscriber));
        }
        await db.SaveChangesAsync(ct);
        // Pass 2: the subscriptions on this list.
        var stats = new List<StatDelta>();
        int added = 0, removed = 0;
        foreach (var (record, subscriber) in pairs)
        {
            var subscription = subscriptions.GetValueOrDefault(subscriber.Id);
            if (rules.Wanted(record))
            {
                if (subscription is { Status: SubscriptionStatus.Confirmed }) continue;
                if (subscription is { Status: SubscriptionStatus.Unsubscribed } && rules.KeepsOptOut(subscription, record)) continue;
                if (subscription is null)
                {
                    subscription = new Subscription { BrandId = list.BrandId, ListId = listId, SubscriberId = subscriber.Id };
                    db.Subscriptions.Add(subscription);
                    subscriptions.Add(subscriber.Id, subscription);
                }
                subscription.Status = SubscriptionStatus.Confirmed;
                subscription.LegalBasis = list.LegalBasis;
                rules.Confirm(subscription, record, now);
                subscription.UnsubscribedAt = null;
                subscription.UnsubscribeChannel = null;
                stats.Add(StatCounter.At(now, list.BrandId, StatMetric.Subscribed, 0, listId));
                added++;
            }
            else if (subscription is not null && rules.Fed(subscription))
            {
                subscription.Status = SubscriptionStatus.Unsubscribed;
                subscription.UnsubscribedAt = rules.LeftAt(record, now);
                subscription.UnsubscribeChannel = rules.LeftChannel;
                stats.Add(StatCounter.At(now, list.BrandId, StatMetric.Unsubscribed, 0, listId));
                removed++;
            }
        }
        await db.SaveChangesAsync(ct);
        await StatCounter.AddAsync(db, stats, ct);
        await tx.CommitAsync(ct);
        return new SyncResult(added, removed);
    }

    /// <summary>The brand's subscribers met by a sync, by customer id and by e-mail address (the first one wins, as in
    /// the order they were read and created).</summary>
    private sealed class SubscriberIndex
    {
        private readonly Dictionary<Guid, Subscriber> _byCustomer = [];
        private readonly Dictionary<string, Subscriber> _byEmail = new(StringComparer.Ordinal);

        public SubscriberIndex(IEnumerable<Subscriber> subscribers)
        {
            foreach (var subscriber in subscribers) Add(subscriber);
        }

        /// <summary>By customer id first (when the record has one), else by e-mail address.</summary>
        public Subscriber? Find(Guid? customerId, string email) =>
            (customerId is { } id ? _byCustomer.GetValueOrDefault(id) : null) ?? _byEmail.GetValueOrDefault(email);

        /// <summary>Adds a subscriber, or the customer id it was given since it was added.</summary>
        public void Add(Subscriber subscriber)
        {
            _byEmail.TryAdd(subscriber.Email, subscriber);
            if (subscriber.CustomerId is { } id) _byCustomer.TryAdd(id, subscriber);
        }
    }

    /// <summary>What differs between the Core sources of a list.</summary>
    private abstract class SourceRules<TRecord>
    {
        /// <summary>The source's records with a valid, normalised e-mail address, one per address.</summary>
        public abstract Task<List<TRecord>> RecordsAsync(Guid brandId, CancellationToken ct);
        public abstract string Email(TRecord record);
        /// <summary>The Core customer the record belongs to (found before the e-mail address), if any.</summary>
        public virtual Guid? CustomerId(TRecord record) => null;
        /// <summary>True if the record belongs on the list (consent granted, partner active).</summary>
        public abstract bool Wanted(TRecord record);
        public abstract Subscriber NewSubscriber(TRecord record, Guid brandId, DateTimeOffset now);
        /// <summary>Links the (new or found) subscriber to the record and copies what the source owns.</summary>
        public abstract void Update(Subscriber subscriber, TRecord record, DateTimeOffset now);
        /// <summary>True if an unsubscribed subscription stays so although the record is wanted.</summary>
        public abstract bool KeepsOptOut(Subscription subscription, TRecord record);
        /// <summary>The proof of a confirmed subscription: source, consent and confirmation.</summary>
        public abstract void Confirm(Subscription subscription, TRecord record, DateTimeOffset now);
        /// <summary>True if the subscription came from this source and is still on the list.</summary>
        public abstract bool Fed(Subscription subscription);
        public abstract DateTimeOffset LeftAt(TRecord record, DateTimeOffset now);
        public abstract string LeftChannel { get; }

        protected static List<TRecord> OnePerAddress<TKey>(IEnumerable<TRecord> records, Func<TRecord, string, TRecord> withEmail,
            Func<TRecord, string> email, Func<TRecord, TKey> preferred) =>
            records.Select(r => withEmail(r, AudienceQuery.NormaliseEmail(email(r))))
                .Where(r => PublicSubscriptions.IsValidEmail(email(r)))
                .GroupBy(email).Select(g => g.OrderByDescending(preferred).First()).ToList();
    }

    /// <summary>Customers: the latest e-mail marketing consent decides; the newest record per address wins.</summary>
    private sealed class CustomerRules(ICoreAudienceSource core) : SourceRules<CustomerConsentRecord>
    {
        public override async Task<List<CustomerConsentRecord>> RecordsAsync(Guid brandId, CancellationToken ct) =>
            OnePerAddress(await core.CustomersAsync(brandId, ct), (r, e) => r with { Email = e }, Email, r => r.MarketingAt);

        public override string Email(CustomerConsentRecord record) => record.Email;
        public override Guid? CustomerId(CustomerConsentRecord record) => record.CustomerId;
        public override bool Wanted(CustomerConsentRecord record) => record.MarketingGranted;

        public override Subscriber NewSubscriber(CustomerConsentRecord record, Guid brandId, DateTimeOffset now) =>
            new() { BrandId = brandId, Email = record.Email, Source = SubscriberSource.Customer, CreatedAt = now };

        public override void Update(Subscriber subscriber, CustomerConsentRecord record, DateTimeOffset now)
        {
            subscriber.CustomerId ??= record.CustomerId;
            if (subscriber.Source != SubscriberSource.Customer) return;
            subscriber.FirstName = Cut(record.FirstName, 100);
            subscriber.LastName = Cut(record.LastName, 100);
            subscriber.PostalCode = Cut(record.PostalCode, 10);
            subscriber.City = Cut(record.City, 100);
            if (subscriber.TrackingConsent != record.TrackingGranted)
            {
                subscriber.TrackingConsent = record.TrackingGranted;
                subscriber.TrackingConsentAt = record.TrackingAt ?? now;
            }
        }

        // Left the list after the consent was given: only a newer consent brings them back.
        public override bool KeepsOptOut(Subscription subscription, CustomerConsentRecord record) =>
            subscription.UnsubscribedAt is { } left && record.MarketingAt <= left;

        public override void Confirm(Subscription subscription, CustomerConsentRecord record, DateTimeOffset now)
        {
            subscription.Source = Cut($"{CustomerSource}:{record.MarketingSource}", 200)!;
            subscription.ConsentGivenAt = record.MarketingAt;
            subscription.ConsentText = Cut(record.MarketingText, 4000);
            subscription.ConsentTextVersion = null;
            subscription.ConfirmedAt = record.MarketingAt;
        }

        public override bool Fed(Subscription subscription) =>
            subscription.Status != SubscriptionStatus.Unsubscribed && subscription.Source.StartsWith(CustomerSource, StringComparison.Ordinal);

        public override DateTimeOffset LeftAt(CustomerConsentRecord record, DateTimeOffset now) => record.MarketingAt;
        public override string LeftChannel => WithdrawnChannel;
    }

    /// <summary>Sales partners: active ones belong on the list (an active record wins per address).</summary>
    private sealed class PartnerRules(ICoreAudienceSource core) : SourceRules<PartnerRecord>
    {
        public override async Task<List<PartnerRecord>> RecordsAsync(Guid brandId, CancellationToken ct) =>
            OnePerAddress(await core.PartnersAsync(brandId, ct), (r, e) => r with { Email = e }, Email, r => r.Active);

        public override string Email(PartnerRecord record) => record.Email;
        public override bool Wanted(PartnerRecord record) => record.Active;

        public override Subscriber NewSubscriber(PartnerRecord record, Guid brandId, DateTimeOffset now) =>
            new() { BrandId = brandId, Email = record.Email, Source = SubscriberSource.SalesPartner, SalesPartnerId = record.PartnerId,
                LastName = Cut(record.Name, 100), CreatedAt = now };

        public override void Update(Subscriber subscriber, PartnerRecord record, DateTimeOffset now) => subscriber.SalesPartnerId ??= record.PartnerId;

        // They opted out themselves (only an unsubscription for inactivity is undone).
        public override bool KeepsOptOut(Subscription subscription, PartnerRecord record) => subscription.UnsubscribeChannel != PartnerInactiveChannel;

        public override void Confirm(Subscription subscription, PartnerRecord record, DateTimeOffset now)
        {
            subscription.Source = PartnerSource;
            subscription.ConsentGivenAt = now;
            subscription.ConsentText = "Vertriebspartnervertrag / sales partner agreement";
            subscription.ConfirmedAt = now;
        }

        public override bool Fed(Subscription subscription) => subscription is { Status: SubscriptionStatus.Confirmed, Source: PartnerSource };
        public override DateTimeOffset LeftAt(PartnerRecord record, DateTimeOffset now) => now;
        public override string LeftChannel => PartnerInactiveChannel;
    }

    private static string? Cut(string? value, int max) => string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var t && t.Length > max ? t[..max] : value.Trim();
}
