using System.Collections.Concurrent;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Tracking;

/// <summary>What the tracking endpoints need to know about a campaign: its brand, when sending started and ended, and
/// its tracked links per variant (index → address).</summary>
public sealed record CampaignInfo(long Id, Guid BrandId, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string[][] Links, long LoadedAtTicks)
{
    /// <summary>The address of link <paramref name="index"/> of <paramref name="variant"/>, or null.</summary>
    /// <remarks>A variant without links of its own (a subject-only A/B test whose sender stored the shared content's
    /// links once, as variant A) uses variant A's links.</remarks>
    public string? Link(byte variant, int index)
    {
        if (variant >= Links.Length) return null;
        var links = variant > 0 && Links[variant].Length == 0 ? Links[0] : Links[variant];
        return index >= 0 && index < links.Length ? links[index] : null;
    }
}

/// <summary>An in-memory cache of <see cref="CampaignInfo"/> for the tracking endpoints and the writer: a campaign is
/// read from the database once (the first hit after a start), later hits never touch the database. Links of a sent
/// campaign do not change; an entry is read again when a link or the campaign was missing (at most every
/// <see cref="RetryAfter"/>) or, while the campaign is still being sent, for its finish time.</summary>
public sealed class CampaignDirectory(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<long, Task<CampaignInfo?>> _entries = new();
    private readonly ConcurrentDictionary<long, long> _missingSince = new();

    /// <summary>The campaign, from memory when known (no allocation), else from the database.</summary>
    public ValueTask<CampaignInfo?> GetAsync(long campaignId, CancellationToken ct = default)
    {
        if (_entries.TryGetValue(campaignId, out var task) && task.IsCompletedSuccessfully)
        {
            var info = task.Result;
            if (info is not null) return ValueTask.FromResult<CampaignInfo?>(info);
            if (!Expired(campaignId)) return ValueTask.FromResult<CampaignInfo?>(null);
            _entries.TryRemove(KeyValuePair.Create(campaignId, task));
        }
        return new ValueTask<CampaignInfo?>(LoadAsync(campaignId));
    }

    /// <summary>The campaign with link <paramref name="index"/> of <paramref name="variant"/>, reading it again if the
    /// cached entry lacks the link and is older than <see cref="RetryAfter"/> (links written after the first hit).</summary>
    public async ValueTask<string?> LinkAsync(long campaignId, byte variant, int index, CancellationToken ct = default)
    {
        var info = await GetAsync(campaignId, ct);
        if (info is null) return null;
        var link = info.Link(variant, index);
        if (link is not null) return link;
        if (time.GetUtcNow().UtcTicks - info.LoadedAtTicks < RetryAfter.Ticks) return null;
        Forget(campaignId);
        return (await GetAsync(campaignId, ct))?.Link(variant, index);
    }

    /// <summary>Drops the cached entry (e.g. the campaign finished sending).</summary>
    public void Forget(long campaignId) => _entries.TryRemove(campaignId, out _);

    private bool Expired(long campaignId) =>
        !_missingSince.TryGetValue(campaignId, out var since) || time.GetUtcNow().UtcTicks - since >= RetryAfter.Ticks;

    private Task<CampaignInfo?> LoadAsync(long campaignId)
    {
        var created = new TaskCompletionSource<CampaignInfo?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = _entries.GetOrAdd(campaignId, created.Task);
        if (task != created.Task) return task;
        _ = FillAsync(campaignId, created);
        return created.Task;
    }

    private async Task FillAsync(long campaignId, TaskCompletionSource<CampaignInfo?> target)
    {
        try
        {
            var info = await ReadAsync(campaignId);
            if (info is null) _missingSince[campaignId] = time.GetUtcNow().UtcTicks;
            target.SetResult(info);
        }
        catch (Exception ex)
        {
            _entries.TryRemove(KeyValuePair.Create(campaignId, target.Task));
            target.SetException(ex);
        }
    }

    private async Task<CampaignInfo?> ReadAsync(long campaignId)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<NewsletterDb>>().CreateDbContextAsync();
        var campaign = await db.Campaigns.AsNoTracking().IgnoreQueryFilters().Where(c => c.Id == campaignId)
            .Select(c => new { c.BrandId, c.StartedAt, c.FinishedAt }).FirstOrDefaultAsync();
        if (campaign is null) return null;
        var links = await db.CampaignLinks.AsNoTracking().Where(l => l.CampaignId == campaignId)
            .Select(l => new { l.Variant, l.Index, l.Url }).ToListAsync();
        var byVariant = new string[2][];
        for (byte v = 0; v < 2; v++)
        {
            var mine = links.Where(l => l.Variant == v).ToList();
            var array = new string[mine.Count == 0 ? 0 : mine.Max(l => l.Index) + 1];
            foreach (var l in mine) array[l.Index] = l.Url;
            byVariant[v] = array;
        }
        // Gaps (should not happen) stay null and answer 404 like a missing link.
        return new CampaignInfo(campaignId, campaign.BrandId, campaign.StartedAt, campaign.FinishedAt, byVariant, time.GetUtcNow().UtcTicks);
    }
}
