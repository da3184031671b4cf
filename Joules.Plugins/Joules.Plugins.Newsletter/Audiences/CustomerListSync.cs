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

    private async Task<SyncResult> SyncCustomersAsync(long listId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.Lists.FirstAsync(l => l.Id == listId, ct);
        var records = (await core.CustomersAsync(list.BrandId, ct))
            .Select(r => r with { Email = AudienceQuery.NormaliseEmail(r.Email) })
            .Where(r => PublicSubscriptions.IsValidEmail(r.Email))
            .GroupBy(r => r.Email).Select(g => g.OrderByDescending(r => r.MarketingAt).First()).ToList();
        var now = clock.GetUtcNow();
        var emails = records.Select(r => r.Email).ToList();
        var customerIds = records.Select(r => (Guid?)r.CustomerId).ToList();
        var subscribers = await db.Subscribers.Where(s => s.BrandId == list.BrandId && (emails.Contains(s.Email) || customerIds.Contains(s.CustomerId))).ToListAsync(ct);
        var subscriberIds = subscribers.Select(s => s.Id).ToList();
        var subscriptions = await db.Subscriptions.Where(s => s.ListId == listId && subscriberIds.Contains(s.SubscriberId)).ToListAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Pass 1: subscribers (new ones get their ids).
        var pairs = new List<(CustomerConsentRecord Record, Subscriber Subscriber)>();
        foreach (var record in records)
        {
            var subscriber = subscribers.FirstOrDefault(s => s.CustomerId == record.CustomerId) ?? subscribers.FirstOrDefault(s => s.Email == record.Email);
            if (subscriber is null)
            {
                if (!record.MarketingGranted) continue;
                subscriber = new Subscriber { BrandId = list.BrandId, Email = record.Email, Source = SubscriberSource.Customer, CreatedAt = now };
                db.Subscribers.Add(subscriber);
                subscribers.Add(subscriber);
            }
            subscriber.CustomerId ??= record.CustomerId;
            if (subscriber.Source == SubscriberSource.Customer)
            {
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
            pairs.Add((record, subscriber));
        }
        await db.SaveChangesAsync(ct);
        // Pass 2: the subscriptions on this list.
        var stats = new List<StatDelta>();
        int added = 0, removed = 0;
        foreach (var (record, subscriber) in pairs)
        {
            var subscription = subscriptions.FirstOrDefault(s => s.SubscriberId == subscriber.Id);
            if (record.MarketingGranted)
            {
                if (subscription is { Status: SubscriptionStatus.Confirmed }) continue;
                // Left the list after the consent was given: only a newer consent brings them back.
                if (subscription is { Status: SubscriptionStatus.Unsubscribed, UnsubscribedAt: { } left } && record.MarketingAt <= left) continue;
                if (subscription is null)
                {
                    subscription = new Subscription { BrandId = list.BrandId, ListId = listId, SubscriberId = subscriber.Id };
                    db.Subscriptions.Add(subscription);
                    subscriptions.Add(subscription);
                }
                subscription.Status = SubscriptionStatus.Confirmed;
                subscription.LegalBasis = list.LegalBasis;
                subscription.Source = Cut($"{CustomerSource}:{record.MarketingSource}", 200)!;
                subscription.ConsentGivenAt = record.MarketingAt;
                subscription.ConsentText = Cut(record.MarketingText, 4000);
                subscription.ConsentTextVersion = null;
                subscription.ConfirmedAt = record.MarketingAt;
                subscription.UnsubscribedAt = null;
                subscription.UnsubscribeChannel = null;
                stats.Add(StatCounter.At(now, list.BrandId, StatMetric.Subscribed, 0, listId));
                added++;
            }
            else if (subscription is { Status: not SubscriptionStatus.Unsubscribed } && subscription.Source.StartsWith(CustomerSource, StringComparison.Ordinal))
            {
                subscription.Status = SubscriptionStatus.Unsubscribed;
                subscription.UnsubscribedAt = record.MarketingAt;
                subscription.UnsubscribeChannel = WithdrawnChannel;
                stats.Add(StatCounter.At(now, list.BrandId, StatMetric.Unsubscribed, 0, listId));
                removed++;
            }
        }
        await db.SaveChangesAsync(ct);
        await StatCounter.AddAsync(db, stats, ct);
        await tx.CommitAsync(ct);
        return new SyncResult(added, removed);
    }

    private async Task<SyncResult> SyncPartnersAsync(long listId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.Lists.FirstAsync(l => l.Id == listId, ct);
        var records = (await core.PartnersAsync(list.BrandId, ct)).Select(r => r with { Email = AudienceQuery.NormaliseEmail(r.Email) })
            .Where(r => PublicSubscriptions.IsValidEmail(r.Email)).GroupBy(r => r.Email).Select(g => g.OrderByDescending(r => r.Active).First()).ToList();
        var now = clock.GetUtcNow();
        var emails = records.Select(r => r.Email).ToList();
        var subscribers = await db.Subscribers.Where(s => s.BrandId == list.BrandId && emails.Contains(s.Email)).ToListAsync(ct);
        var subscriberIds = subscribers.Select(s => s.Id).ToList();
        var subscriptions = await db.Subscriptions.Where(s => s.ListId == listId && subscriberIds.Contains(s.SubscriberId)).ToListAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var pairs = new List<(PartnerRecord Record, Subscriber Subscriber)>();
        foreach (var record in records)
        {
            var subscriber = subscribers.FirstOrDefault(s => s.Email == record.Email);
            if (subscriber is null)
            {
                if (!record.Active) continue;
                subscriber = new Subscriber { BrandId = list.BrandId, Email = record.Email, Source = SubscriberSource.SalesPartner, SalesPartnerId = record.PartnerId,
                    LastName = Cut(record.Name, 100), CreatedAt = now };
                db.Subscribers.Add(subscriber);
            }
            subscriber.SalesPartnerId ??= record.PartnerId;
            pairs.Add((record, subscriber));
        }
        await db.SaveChangesAsync(ct);
        var stats = new List<StatDelta>();
        int added = 0, removed = 0;
        foreach (var (record, subscriber) in pairs)
        {
            var subscription = subscriptions.FirstOrDefault(s => s.SubscriberId == subscriber.Id);
            if (record.Active)
            {
                if (subscription is { Status: SubscriptionStatus.Confirmed }) continue;
                if (subscription is { Status: SubscriptionStatus.Unsubscribed, UnsubscribeChannel: not PartnerInactiveChannel }) continue;   // they opted out
                if (subscription is null)
                {
                    subscription = new Subscription { BrandId = list.BrandId, ListId = listId, SubscriberId = subscriber.Id };
                    db.Subscriptions.Add(subscription);
                }
                subscription.Status = SubscriptionStatus.Confirmed;
                subscription.LegalBasis = list.LegalBasis;
                subscription.Source = PartnerSource;
                subscription.ConsentGivenAt = now;
                subscription.ConsentText = "Vertriebspartnervertrag / sales partner agreement";
                subscription.ConfirmedAt = now;
                subscription.UnsubscribedAt = null;
                subscription.UnsubscribeChannel = null;
                stats.Add(StatCounter.At(now, list.BrandId, StatMetric.Subscribed, 0, listId));
                added++;
            }
            else if (subscription is { Status: SubscriptionStatus.Confirmed, Source: PartnerSource })
            {
                subscription.Status = SubscriptionStatus.Unsubscribed;
                subscription.UnsubscribedAt = now;
                subscription.UnsubscribeChannel = PartnerInactiveChannel;
                stats.Add(StatCounter.At(now, list.BrandId, StatMetric.Unsubscribed, 0, listId));
                removed++;
            }
        }
        await db.SaveChangesAsync(ct);
        await StatCounter.AddAsync(db, stats, ct);
        await tx.CommitAsync(ct);
        return new SyncResult(added, removed);
    }

    private static string? Cut(string? value, int max) => string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var t && t.Length > max ? t[..max] : value.Trim();
}
