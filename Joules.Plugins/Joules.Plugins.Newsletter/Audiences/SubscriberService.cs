using Joules.Core.Domain.Common;
using Joules.Core.Tenancy;
using Joules.Plugins.Newsletter.Analytics;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>Filter of the subscriber list.</summary>
public sealed record SubscriberFilter(Guid? BrandId, string? Search, long? ListId, SubscriptionStatus? Status, SubscriberSource? Source);

public sealed record SubscriberRow(Subscriber Subscriber, int Confirmed, int Unconfirmed, int Unsubscribed, bool Suppressed);

public sealed record SubscriberDetail(Subscriber Subscriber, IReadOnlyList<(Subscription Subscription, string ListName)> Subscriptions, Suppression? Suppression);

/// <summary>Manual addition by the back office.</summary>
public sealed record ManualSubscriber(Guid BrandId, string BrandName, string Email, string? FirstName, string? LastName, long ListId,
    bool ObjectionNoticeGiven);

/// <summary>The back office's subscriber list: search (server-side paging), detail with the proofs, manual addition
/// (to a consent list only by a double opt-in mail), unsubscribe and delete.</summary>
public sealed class SubscriberService(IDbContextFactory<NewsletterDb> contexts, PublicSubscriptions subscriptions, IAudienceAudit audit,
    ICurrentUser user, IStringLocalizer<SubscriberService> text)
{
    public async Task<(List<SubscriberRow> Rows, int Total)> SearchAsync(SubscriberFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Subscribers.AsNoTracking().AsQueryable();
        if (filter.BrandId is { } brand) query = query.Where(s => s.BrandId == brand);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var q = filter.Search.Trim().ToLowerInvariant();
            query = query.Where(s => s.Email.Contains(q) || (s.FirstName != null && s.FirstName.ToLower().Contains(q))
                || (s.LastName != null && s.LastName.ToLower().Contains(q)));
        }
        if (filter.Source is { } source) query = query.Where(s => s.Source == source);
        if (filter.ListId is { } listId || filter.Status is not null)
        {
            var status = filter.Status;
            query = query.Where(s => db.Subscriptions.Any(x => x.SubscriberId == s.Id && (filter.ListId == null || x.ListId == filter.ListId)
                && (status == null || x.Status == status)));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(s => s.Email).Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = items.Select(s => s.Id).ToList();
        var counts = await db.Subscriptions.Where(x => ids.Contains(x.SubscriberId)).GroupBy(x => new { x.SubscriberId, x.Status })
            .Select(g => new { g.Key.SubscriberId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var emails = items.Select(s => s.Email).ToList();
        var suppressed = await db.Suppressions.Where(x => emails.Contains(x.Email)).Select(x => new { x.BrandId, x.Email }).ToListAsync(ct);
        int Count(long id, SubscriptionStatus st) => counts.FirstOrDefault(c => c.SubscriberId == id && c.Status == st)?.Count ?? 0;
        return (items.Select(s => new SubscriberRow(s, Count(s.Id, SubscriptionStatus.Confirmed), Count(s.Id, SubscriptionStatus.Unconfirmed),
            Count(s.Id, SubscriptionStatus.Unsubscribed), suppressed.Any(x => x.BrandId == s.BrandId && x.Email == s.Email))).ToList(), total);
    }

    public async Task<SubscriberDetail?> DetailAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var subscriber = await db.Subscribers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscriber is null) return null;
        var rows = await (from s in db.Subscriptions.AsNoTracking()
                          join l in db.Lists.AsNoTracking() on s.ListId equals l.Id
                          where s.SubscriberId == id
                          orderby l.Name
                          select new { s, l.Name }).ToListAsync(ct);
        var suppression = await db.Suppressions.AsNoTracking().FirstOrDefaultAsync(x => x.BrandId == subscriber.BrandId && x.Email == subscriber.Email, ct);
        return new SubscriberDetail(subscriber, rows.Select(r => (r.s, r.Name)).ToList(), suppression);
    }

    /// <summary>Adds an address to a list. A consent list gets an unconfirmed subscription and a double opt-in mail (the
    /// back office cannot give consent for someone); a § 7 (3) UWG list needs the confirmation that the objection notice
    /// was given. Returns true when a confirmation mail was sent.</summary>
    public async Task<bool> AddAsync(ManualSubscriber input, CancellationToken ct = default)
    {
        var email = PublicSubscriptions.ValidEmail(input.Email, text);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.Lists.FirstOrDefaultAsync(l => l.Id == input.ListId && l.BrandId == input.BrandId && !l.Archived, ct)
            ?? throw new DomainException(text["ListRequired"], "List");
        if (list.LegalBasis == ListLegalBasis.Consent)
        {
            await subscriptions.SubscribeAsync(new SubscribeRequest(input.BrandId, input.BrandName, email, input.FirstName, input.LastName, [list.Id],
                false, null, null, "admin:" + user.UserName, "de", PublicListsOnly: false, NewSubscriberSource: SubscriberSource.Manual), ct);
            await audit.WriteAsync("NewsletterConfirmationRequested", "subscriber", email, list.Name, ct);
            return true;
        }
        if (!input.ObjectionNoticeGiven) throw new DomainException(text["ObjectionNoticeRequired"], "ObjectionNoticeGiven");
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.BrandId == input.BrandId && s.Email == email, ct);
        var now = DateTimeOffset.UtcNow;
        if (subscriber is null)
        {
            subscriber = new Subscriber { BrandId = input.BrandId, Email = email, FirstName = NullIfEmpty(input.FirstName), LastName = NullIfEmpty(input.LastName),
                Source = SubscriberSource.Manual, CreatedAt = now };
            db.Subscribers.Add(subscriber);
            await db.SaveChangesAsync(ct);
        }
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.SubscriberId == subscriber.Id && s.ListId == list.Id, ct);
        if (subscription is { Status: SubscriptionStatus.Confirmed }) return false;
        if (subscription is null)
        {
            subscription = new Subscription { BrandId = input.BrandId, SubscriberId = subscriber.Id, ListId = list.Id };
            db.Subscriptions.Add(subscription);
        }
        subscription.Status = SubscriptionStatus.Confirmed;
        subscription.LegalBasis = list.LegalBasis;
        subscription.Source = "admin:" + user.UserName;
        subscription.ConsentGivenAt = now;
        subscription.ConfirmedAt = now;
        subscription.ObjectionNoticeGiven = true;
        subscription.UnsubscribedAt = null;
        subscription.UnsubscribeChannel = null;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await StatCounter.AddAsync(db, [StatCounter.At(now, input.BrandId, StatMetric.Subscribed, 0, list.Id)], ct);
            await tx.CommitAsync(ct);
        }
        await audit.WriteAsync("NewsletterSubscriberAdded", "subscriber", subscriber.Id.ToString(), $"{email} → {list.Name}", ct);
        return false;
    }

    /// <summary>Unsubscribes the subscriber from one list (or all lists when <paramref name="listId"/> is null).</summary>
    public async Task UnsubscribeAsync(long subscriberId, long? listId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Subscriptions.Where(s => s.SubscriberId == subscriberId && (listId == null || s.ListId == listId)
            && s.Status != SubscriptionStatus.Unsubscribed).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        foreach (var s in rows)
        {
            s.Status = SubscriptionStatus.Unsubscribed;
            s.UnsubscribedAt = now;
            s.UnsubscribeChannel = "admin";
        }
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await StatCounter.AddAsync(db, rows.Where(r => r.ConfirmedAt != null).Select(s => StatCounter.At(now, s.BrandId, StatMetric.Unsubscribed, 0, s.ListId)), ct);
            await tx.CommitAsync(ct);
        }
        await audit.WriteAsync("NewsletterSubscriberUnsubscribed", "subscriber", subscriberId.ToString(), listId is null ? "all" : $"list {listId}", ct);
    }

    /// <summary>Deletes the subscriber and its subscriptions (erasure request). A suppression entry of the address stays.</summary>
    public async Task DeleteAsync(long subscriberId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == subscriberId, ct);
        if (subscriber is null) return;
        db.Subscriptions.RemoveRange(await db.Subscriptions.Where(s => s.SubscriberId == subscriberId).ToListAsync(ct));
        db.Subscribers.Remove(subscriber);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync("NewsletterSubscriberDeleted", "subscriber", subscriberId.ToString(), null, ct);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
