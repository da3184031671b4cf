using System.Globalization;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Analytics;

/// <summary>How the analytics charts group days.</summary>
public enum Granularity { Day = 0, Week = 1, Month = 2 }

/// <summary>One bar group of the sent/opened/clicked chart. Opened and clicked are unique human opens/clicks.</summary>
public sealed record ActivityPoint(DateOnly Start, long Sent, long Opened, long Clicked);

/// <summary>One bar group of the subscriptions chart.</summary>
public sealed record SubscriptionPoint(DateOnly Start, long Subscribed, long Unsubscribed);

/// <summary>The analytics charts (MKT-5), read only from the <see cref="DailyStat"/> roll-ups: one grouped query per
/// chart (day × metric sums), then days are folded into ISO weeks (Monday) or calendar months in memory, and periods
/// without data are filled with zeros.</summary>
public static class AnalyticsQueries
{
    private static readonly StatMetric[] ActivityMetrics = [StatMetric.Sent, StatMetric.OpenUnique, StatMetric.ClickUnique];
    private static readonly StatMetric[] SubscriptionMetrics = [StatMetric.Subscribed, StatMetric.Unsubscribed];

    /// <summary>The first day of the period <paramref name="day"/> falls in.</summary>
    public static DateOnly PeriodStart(DateOnly day, Granularity granularity) => granularity switch
    {
        Granularity.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        Granularity.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    public static DateOnly NextPeriod(DateOnly start, Granularity granularity) => granularity switch
    {
        Granularity.Week => start.AddDays(7),
        Granularity.Month => start.AddMonths(1),
        _ => start.AddDays(1),
    };

    /// <summary>A period's label: "02.11.2026", "KW 45/2026" (ISO week) or "11/2026".</summary>
    public static string Label(DateOnly start, Granularity granularity, string weekFormat) => granularity switch
    {
        Granularity.Week => string.Format(CultureInfo.CurrentCulture, weekFormat, ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)),
            ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))),
        Granularity.Month => start.ToString("MM/yyyy", CultureInfo.CurrentCulture),
        _ => start.ToString("d", CultureInfo.CurrentCulture),
    };

    /// <summary>Sent, opened and clicked per period for all campaigns (<paramref name="campaignIds"/> null or empty) or
    /// the chosen ones; <paramref name="brandId"/> null = every brand.</summary>
    public static async Task<IReadOnlyList<ActivityPoint>> ActivityAsync(NewsletterDb db, Guid? brandId, DateOnly from, DateOnly to,
        Granularity granularity, IReadOnlyCollection<long>? campaignIds, CancellationToken ct = default)
    {
        var query = Stats(db, brandId, from, to, ActivityMetrics);
        if (campaignIds is { Count: > 0 })
        {
            var ids = campaignIds.ToList();
            query = query.Where(s => ids.Contains(s.CampaignId));
        }
        else
        {
            query = query.Where(s => s.CampaignId != 0);
        }
        var sums = await SumAsync(query, ct);
        return Periods(from, to, granularity).Select(p => new ActivityPoint(p,
            Sum(sums, p, granularity, StatMetric.Sent), Sum(sums, p, granularity, StatMetric.OpenUnique), Sum(sums, p, granularity, StatMetric.ClickUnique))).ToList();
    }

    /// <summary>Subscriptions and unsubscriptions per period for all lists (<paramref name="listId"/> null) or one.</summary>
    public static async Task<IReadOnlyList<SubscriptionPoint>> SubscriptionsAsync(NewsletterDb db, Guid? brandId, DateOnly from, DateOnly to,
        Granularity granularity, long? listId, CancellationToken ct = default)
    {
        var query = Stats(db, brandId, from, to, SubscriptionMetrics);
        if (listId is { } list) query = query.Where(s => s.ListId == list);
        var sums = await SumAsync(query, ct);
        return Periods(from, to, granularity).Select(p => new SubscriptionPoint(p,
            Sum(sums, p, granularity, StatMetric.Subscribed), Sum(sums, p, granularity, StatMetric.Unsubscribed))).ToList();
    }

    private static IQueryable<DailyStat> Stats(NewsletterDb db, Guid? brandId, DateOnly from, DateOnly to, StatMetric[] metrics)
    {
        var wanted = metrics.ToList();
        var query = db.DailyStats.AsNoTracking().Where(s => s.Day >= from && s.Day <= to && wanted.Contains(s.Metric));
        if (brandId is { } brand) query = query.Where(s => s.BrandId == brand);
        return query;
    }

    private static async Task<Dictionary<(DateOnly Day, StatMetric Metric), long>> SumAsync(IQueryable<DailyStat> query, CancellationToken ct)
    {
        var rows = await query.GroupBy(s => new { s.Day, s.Metric })
            .Select(g => new { g.Key.Day, g.Key.Metric, Value = g.Sum(x => x.Value) }).ToListAsync(ct);
        return rows.ToDictionary(r => (r.Day, r.Metric), r => r.Value);
    }

    private static long Sum(Dictionary<(DateOnly Day, StatMetric Metric), long> sums, DateOnly start, Granularity granularity, StatMetric metric)
    {
        long total = 0;
        for (var day = start; day < NextPeriod(start, granularity); day = day.AddDays(1))
            if (sums.TryGetValue((day, metric), out var value)) total += value;
        return total;
    }

    private static IEnumerable<DateOnly> Periods(DateOnly from, DateOnly to, Granularity granularity)
    {
        for (var start = PeriodStart(from, granularity); start <= to; start = NextPeriod(start, granularity)) yield return start;
    }
}
