using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Analytics;

/// <summary>A campaign's counters summed over its roll-ups (the message list, MKT-3).</summary>
public sealed record CampaignTotals(long CampaignId, IReadOnlyDictionary<StatMetric, long> Values)
{
    public long this[StatMetric metric] => Values.TryGetValue(metric, out var v) ? v : 0;
    public long Sent => this[StatMetric.Sent];
    /// <summary>Sent minus what bounced after the server accepted it (bounces at sending time were never counted as sent).</summary>
    public long Delivered => Math.Max(0, Sent - (this[StatMetric.HardBounce] + this[StatMetric.SoftBounce] - this[StatMetric.RefusedAtSend]));
    public static CampaignTotals Empty(long campaignId) => new(campaignId, new Dictionary<StatMetric, long>());
}

/// <summary>Reads campaign totals from the <see cref="DailyStat"/> roll-ups.</summary>
public static class CampaignStatistics
{
    public static async Task<IReadOnlyDictionary<long, CampaignTotals>> TotalsAsync(NewsletterDb db, IReadOnlyCollection<long> campaignIds, CancellationToken ct = default)
    {
        var ids = campaignIds.ToList();
        var rows = await db.DailyStats.AsNoTracking().Where(s => ids.Contains(s.CampaignId))
            .GroupBy(s => new { s.CampaignId, s.Metric })
            .Select(g => new { g.Key.CampaignId, g.Key.Metric, Value = g.Sum(x => x.Value) })
            .ToListAsync(ct);
        return ids.ToDictionary(id => id, id => new CampaignTotals(id,
            rows.Where(r => r.CampaignId == id).ToDictionary(r => r.Metric, r => r.Value)));
    }
}
