using Joules.Plugins.Newsletter.Audiences;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Joules.Plugins.Newsletter.Sending.Pipeline;

/// <summary>What the <c>dispatch</c> job does every few seconds: resumes campaigns in "Sending" that this process does not
/// run (after a crash or restart), starts scheduled campaigns that are due, and decides A/B tests whose wait is over.</summary>
public sealed class CampaignScheduler(IDbContextFactory<NewsletterDb> factory, CampaignDispatcher dispatcher, ILogger<CampaignScheduler> log)
{
    public sealed record Result(int Resumed, int Started, int Decided);

    public async Task<Result> RunDueAsync(CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = await factory.CreateDbContextAsync(ct);
        var decided = 0;
        var waiting = await db.Campaigns.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Status == CampaignStatus.AbTestWaiting && c.AbDecideAt != null && c.AbDecideAt <= now).ToListAsync(ct);
        foreach (var campaign in waiting)
            if (await DecideAsync(db, campaign, ct)) decided++;

        var started = 0;
        var due = await db.Campaigns.IgnoreQueryFilters().Where(c => c.Status == CampaignStatus.Scheduled && c.ScheduledAt != null && c.ScheduledAt <= now)
            .Select(c => c.Id).ToListAsync(ct);
        foreach (var id in due)
        {
            var changed = await db.Campaigns.IgnoreQueryFilters().Where(c => c.Id == id && c.Status == CampaignStatus.Scheduled).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, CampaignStatus.Sending)
                .SetProperty(c => c.StartedAt, now)
                .SetProperty(c => c.Phase, SendPhase.Main)
                .SetProperty(c => c.CheckpointSubscriberId, 0L)
                .SetProperty(c => c.ToSend, 0)
                .SetProperty(c => c.UpdatedAt, now), ct);
            if (changed > 0) started++;
        }

        var resumed = 0;
        var sending = await db.Campaigns.IgnoreQueryFilters().Where(c => c.Status == CampaignStatus.Sending).Select(c => c.Id).ToListAsync(ct);
        foreach (var id in sending)
        {
            if (dispatcher.IsRunning(id)) continue;
            await dispatcher.StartAsync(id);
            if (!due.Contains(id)) resumed++;
        }
        return new Result(resumed, started, decided);
    }

    /// <summary>The A/B winner: the variant with more unique clickers in the sample (ties: A). The rest of the audience
    /// then gets the winner: phase "Rest", checkpoint 0, status "Sending".</summary>
    public async Task<bool> DecideAsync(NewsletterDb db, Campaign campaign, CancellationToken ct = default)
    {
        var id = campaign.Id;
        var clickers = await (from r in db.RecipientActivities
                              where r.CampaignId == id && r.FirstClickAt != null
                              join d in db.Deliveries on new { r.CampaignId, r.SubscriberId } equals new { d.CampaignId, d.SubscriberId }
                              group d by d.Variant into g
                              select new { Variant = g.Key, Count = g.Count() }).ToListAsync(ct);
        var a = clickers.FirstOrDefault(c => c.Variant == 0)?.Count ?? 0;
        var b = clickers.FirstOrDefault(c => c.Variant == 1)?.Count ?? 0;
        var winner = (byte)(b > a ? 1 : 0);
        var listIds = await db.CampaignLists.Where(l => l.CampaignId == id).Select(l => l.ListId).ToListAsync(ct);
        var segment = campaign.SegmentId is { } segmentId ? await db.Segments.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.Id == segmentId, ct) : null;
        var remaining = await AudienceQuery.Recipients(db, campaign.BrandId, listIds, segment)
            .CountAsync(s => !db.Deliveries.Any(d => d.CampaignId == id && d.SubscriberId == s.Id), ct);
        var now = DateTimeOffset.UtcNow;
        var changed = await db.Campaigns.IgnoreQueryFilters().Where(c => c.Id == id && c.Status == CampaignStatus.AbTestWaiting).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.AbWinner, winner)
            .SetProperty(c => c.Phase, SendPhase.Rest)
            .SetProperty(c => c.CheckpointSubscriberId, 0L)
            .SetProperty(c => c.ToSend, c => c.SentCount + c.FailedCount + remaining)
            .SetProperty(c => c.Status, CampaignStatus.Sending)
            .SetProperty(c => c.UpdatedAt, now), ct);
        if (changed > 0) log.LogInformation("A/B test of campaign {Campaign}: {A} clickers on A, {B} on B; variant {Winner} goes to {Rest} more", id, a, b, winner == 0 ? "A" : "B", remaining);
        return changed > 0;
    }
}

/// <summary>Quartz job <c>dispatch</c>: see <see cref="CampaignScheduler"/>.</summary>
public sealed class DispatchJob(CampaignScheduler scheduler) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await scheduler.RunDueAsync(cancellationToken);
        context.Result = $"{result.Started} gestartet, {result.Resumed} fortgesetzt, {result.Decided} A/B-Tests entschieden";
    }
}
