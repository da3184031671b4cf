using Joules.Core.Data;
using Joules.Core.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Messaging.Outbox;

/// <summary>Filter and page of an outbox search. <paramref name="Text"/> matches recipient or subject; the dates are
/// inclusive days of <see cref="OutboxMessage.CreatedAt"/> (UTC).</summary>
public sealed record OutboxSearch(OutboxStatus? Status = null, MessageChannel? Channel = null, string? Text = null,
    DateOnly? CreatedFrom = null, DateOnly? CreatedTo = null, int Page = 0, int PageSize = 50);

/// <summary>One page of outbox messages and the total matching the filter.</summary>
public sealed record OutboxPage(IReadOnlyList<OutboxMessage> Items, int Total);

/// <summary>Reads and administers the outbox (admin page, later the REST API). Users bound to a brand see that brand's
/// messages only.</summary>
public interface IOutboxAdministration
{
    /// <summary>One page of messages, newest first.</summary>
    Task<OutboxPage> SearchAsync(OutboxSearch search, CancellationToken ct = default);

    /// <summary>How many messages are in each status (for the same filter, ignoring its status).</summary>
    Task<IReadOnlyDictionary<OutboxStatus, int>> CountsAsync(OutboxSearch search, CancellationToken ct = default);

    /// <summary>One message, or null.</summary>
    Task<OutboxMessage?> FindAsync(Guid id, CancellationToken ct = default);

    /// <summary>Queues a failed or queued message for sending now (attempts are kept); false if it is sent or being sent.</summary>
    Task<bool> RetryNowAsync(Guid id, CancellationToken ct = default);

    /// <summary>Queues every failed message (visible to the user) for sending now; returns how many.</summary>
    Task<int> RetryAllFailedAsync(CancellationToken ct = default);
}

/// <summary>The outbox administration over the database; "retry" actions are audited.</summary>
public sealed class OutboxAdministration(IDbContextFactory<JoulesDbContext> dbFactory) : IOutboxAdministration
{
    public async Task<OutboxPage> SearchAsync(OutboxSearch search, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filter(db, search, withStatus: true);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id)
            .Skip(Math.Max(0, search.Page) * search.PageSize).Take(search.PageSize).ToListAsync(ct);
        return new OutboxPage(items, total);
    }

    public async Task<IReadOnlyDictionary<OutboxStatus, int>> CountsAsync(OutboxSearch search, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await Filter(db, search, withStatus: false).GroupBy(m => m.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<OutboxStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    public async Task<OutboxMessage?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible(db).FirstOrDefaultAsync(m => m.Id == id, ct);
    }

    public async Task<bool> RetryNowAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await Visible(db).AsTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null || message.Status is OutboxStatus.Sent or OutboxStatus.Sending) return false;
        var previous = message.Status;
        message.Status = OutboxStatus.Queued;
        message.NextAttemptAt = DateTimeOffset.UtcNow;
        db.Audit("OutboxRetry", nameof(OutboxMessage), message.Id.ToString(), $"{previous} → {OutboxStatus.Queued}; {message.To}; {message.Subject}");
        await db.SaveChangesAsync(ct);
        OutboxSignal.Notify();
        return true;
    }

    public async Task<int> RetryAllFailedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var count = await Visible(db).Where(m => m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Queued).SetProperty(m => m.NextAttemptAt, now), ct);
        if (count > 0)
        {
            db.Audit("OutboxRetryAllFailed", nameof(OutboxMessage), null, $"{count}");
            await db.SaveChangesAsync(ct);
            OutboxSignal.Notify();
        }
        return count;
    }

    // Outbox rows are not tenant-filtered by the context (system messages have no brand); restrict brand-bound users here.
    private static IQueryable<OutboxMessage> Visible(JoulesDbContext db)
    {
        var user = db.User;
        var query = db.OutboxMessages.AsNoTracking();
        if (user.AllBrands) return query;
        var brand = user.BrandId;
        return query.Where(m => m.BrandId == brand);
    }

    private static IQueryable<OutboxMessage> Filter(JoulesDbContext db, OutboxSearch search, bool withStatus)
    {
        var query = Visible(db);
        if (withStatus && search.Status is { } status) query = query.Where(m => m.Status == status);
        if (search.Channel is { } channel) query = query.Where(m => m.Channel == channel);
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            var text = search.Text.Trim().ToLower();
            query = query.Where(m => m.To.ToLower().Contains(text) || m.Subject.ToLower().Contains(text));
        }
        if (search.CreatedFrom is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(m => m.CreatedAt >= start);
        }
        if (search.CreatedTo is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(m => m.CreatedAt < end);
        }
        return query;
    }
}
