using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Analytics;

/// <summary>Clicks on one link of a campaign variant; <see cref="Share"/> is the link's part of the variant's human
/// clicks (0–1).</summary>
public sealed record LinkClicks(byte Variant, int Index, string Url, long Total, long Unique, long Machine, double Share, double UniqueShare);

/// <summary>One variant of an A/B test: recipients, unique opens and clicks, clicks in all.</summary>
public sealed record VariantResult(byte Variant, long Sent, long UniqueOpens, long UniqueClicks, long TotalClicks)
{
    public double OpenRate => Sent == 0 ? 0 : (double)UniqueOpens / Sent;
    public double ClickRate => Sent == 0 ? 0 : (double)UniqueClicks / Sent;
}

/// <summary>The report of a campaign (MKT-3).</summary>
public sealed record CampaignReportData(Campaign Campaign, CampaignTotals Totals, IReadOnlyList<LinkClicks> Links, IReadOnlyList<VariantResult> Variants)
{
    public long Delivered => Totals.Delivered;
    public double OpenRate => Delivered == 0 ? 0 : (double)Totals[StatMetric.OpenUnique] / Delivered;
    public double ClickRate => Delivered == 0 ? 0 : (double)Totals[StatMetric.ClickUnique] / Delivered;
    /// <summary>Unique clicks per unique open.</summary>
    public double ClickToOpenRate => Totals[StatMetric.OpenUnique] == 0 ? 0 : (double)Totals[StatMetric.ClickUnique] / Totals[StatMetric.OpenUnique];
    public double UnsubscribeRate => Delivered == 0 ? 0 : (double)Totals[StatMetric.Unsubscribed] / Delivered;
}

/// <summary>Reads a campaign's report from the roll-ups: <see cref="DailyStat"/> (via <see cref="CampaignStatistics"/>),
/// <see cref="LinkStat"/> and, for the A/B comparison, the per-recipient first activity and deliveries by variant.</summary>
public static class CampaignReport
{
    /// <summary>The report, or null if the campaign does not exist or belongs to another brand.</summary>
    public static async Task<CampaignReportData?> LoadAsync(NewsletterDb db, long campaignId, CancellationToken ct = default) =>
        await CampaignPageBase.FindAsync(db, campaignId, ct) is { } campaign ? await LoadAsync(db, campaign, ct) : null;

    /// <summary>The report of <paramref name="campaign"/>.</summary>
    public static async Task<CampaignReportData> LoadAsync(NewsletterDb db, Campaign campaign, CancellationToken ct = default)
    {
        var campaignId = campaign.Id;
        var totals = (await CampaignStatistics.TotalsAsync(db, [campaignId], ct))[campaignId];
        var links = await LinksAsync(db, campaignId, ct);
        var variants = campaign.AbTest == AbTestKind.None ? [] : await VariantsAsync(db, campaignId, links, ct);
        return new CampaignReportData(campaign, totals, links, variants);
    }

    /// <summary>Every tracked link of the campaign with its clicks (links nobody clicked included, with 0).</summary>
    public static async Task<IReadOnlyList<LinkClicks>> LinksAsync(NewsletterDb db, long campaignId, CancellationToken ct = default)
    {
        var links = await db.CampaignLinks.AsNoTracking().Where(l => l.CampaignId == campaignId).ToListAsync(ct);
        var stats = await db.LinkStats.AsNoTracking().Where(s => s.CampaignId == campaignId).ToListAsync(ct);
        var byKey = stats.ToDictionary(s => (s.Variant, s.LinkIndex));
        var result = new List<LinkClicks>();
        foreach (var variant in links.Select(l => l.Variant).Concat(stats.Select(s => s.Variant)).Distinct().Order())
        {
            var total = stats.Where(s => s.Variant == variant).Sum(s => s.Total);
            var unique = stats.Where(s => s.Variant == variant).Sum(s => s.Unique);
            var urls = links.Where(l => l.Variant == variant).ToDictionary(l => l.Index, l => l.Url);
            foreach (var index in urls.Keys.Concat(stats.Where(s => s.Variant == variant).Select(s => s.LinkIndex)).Distinct().Order())
            {
                byKey.TryGetValue((variant, index), out var s);
                result.Add(new LinkClicks(variant, index, urls.GetValueOrDefault(index, ""), s?.Total ?? 0, s?.Unique ?? 0, s?.Machine ?? 0,
                    total == 0 ? 0 : (double)(s?.Total ?? 0) / total, unique == 0 ? 0 : (double)(s?.Unique ?? 0) / unique));
            }
        }
        return result;
    }

    private static async Task<IReadOnlyList<VariantResult>> VariantsAsync(NewsletterDb db, long campaignId, IReadOnlyList<LinkClicks> links, CancellationToken ct)
    {
        var sent = await db.Deliveries.AsNoTracking().Where(d => d.CampaignId == campaignId && d.Status == DeliveryStatus.Sent)
            .GroupBy(d => d.Variant).Select(g => new { Variant = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var activity = await db.RecipientActivities.AsNoTracking().Where(a => a.CampaignId == campaignId)
            .GroupBy(a => a.Variant)
            .Select(g => new { Variant = g.Key, Opens = g.LongCount(a => a.FirstOpenAt != null), Clicks = g.LongCount(a => a.FirstClickAt != null) })
            .ToListAsync(ct);
        return new byte[] { 0, 1 }.Select(v => new VariantResult(v,
            sent.FirstOrDefault(s => s.Variant == v)?.Count ?? 0,
            activity.FirstOrDefault(a => a.Variant == v)?.Opens ?? 0,
            activity.FirstOrDefault(a => a.Variant == v)?.Clicks ?? 0,
            links.Where(l => l.Variant == v).Sum(l => l.Total))).ToList();
    }
}
