using Joules.Plugins.Newsletter.Analytics;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Tests.Tracking;

namespace Joules.Plugins.Newsletter.Tests.Analytics;

public class AnalyticsQueriesTests
{
    [Fact]
    public void Days_fold_into_iso_weeks_starting_monday_and_calendar_months()
    {
        var sunday = new DateOnly(2026, 11, 8);
        AnalyticsQueries.PeriodStart(sunday, Granularity.Week).ShouldBe(new DateOnly(2026, 11, 2));
        AnalyticsQueries.PeriodStart(new DateOnly(2026, 11, 2), Granularity.Week).ShouldBe(new DateOnly(2026, 11, 2));
        AnalyticsQueries.PeriodStart(sunday, Granularity.Month).ShouldBe(new DateOnly(2026, 11, 1));
        AnalyticsQueries.Label(new DateOnly(2026, 11, 2), Granularity.Week, "KW {0}/{1}").ShouldBe("KW 45/2026");
    }

    [Fact]
    public async Task Charts_sum_the_daily_roll_ups_per_period_for_chosen_campaigns_and_lists()
    {
        await using var kit = await TrackingKit.CreateAsync();
        var brand = TrackingKit.Brand;
        var other = Guid.NewGuid();
        await using (var db = await kit.Database.Contexts.CreateDbContextAsync())
        {
            await StatCounter.AddAsync(db,
            [
                new(brand, new DateOnly(2026, 11, 2), 1, 0, StatMetric.Sent, 100),
                new(brand, new DateOnly(2026, 11, 8), 1, 0, StatMetric.OpenUnique, 40),
                new(brand, new DateOnly(2026, 11, 9), 1, 0, StatMetric.ClickUnique, 7),
                new(brand, new DateOnly(2026, 11, 9), 2, 0, StatMetric.Sent, 50),
                new(brand, new DateOnly(2026, 11, 3), 0, 5, StatMetric.Subscribed, 3),
                new(brand, new DateOnly(2026, 11, 4), 0, 6, StatMetric.Subscribed, 2),
                new(brand, new DateOnly(2026, 11, 10), 0, 5, StatMetric.Unsubscribed, 1),
                new(other, new DateOnly(2026, 11, 2), 9, 0, StatMetric.Sent, 1000),
            ]);
        }
        var from = new DateOnly(2026, 11, 1);
        var to = new DateOnly(2026, 11, 15);

        await using var read = await kit.Database.Contexts.CreateDbContextAsync();
        var weeks = await AnalyticsQueries.ActivityAsync(read, brand, from, to, Granularity.Week, null);
        weeks.Select(w => (w.Start, w.Sent, w.Opened, w.Clicked)).ShouldBe(
        [
            (new DateOnly(2026, 10, 26), 0L, 0L, 0L),
            (new DateOnly(2026, 11, 2), 100L, 40L, 0L),
            (new DateOnly(2026, 11, 9), 50L, 0L, 7L),
        ]);
        var chosen = await AnalyticsQueries.ActivityAsync(read, brand, from, to, Granularity.Month, [2]);
        chosen.Single().Sent.ShouldBe(50);
        (await AnalyticsQueries.ActivityAsync(read, null, from, to, Granularity.Month, null)).Single().Sent.ShouldBe(1150);

        var lists = await AnalyticsQueries.SubscriptionsAsync(read, brand, from, to, Granularity.Month, null);
        lists.Single().ShouldBe(new SubscriptionPoint(new DateOnly(2026, 11, 1), 5, 1));
        (await AnalyticsQueries.SubscriptionsAsync(read, brand, from, to, Granularity.Day, 5)).Where(p => p.Subscribed + p.Unsubscribed > 0)
            .Select(p => p.Start).ShouldBe([new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 10)]);
    }

    [Fact]
    public async Task Report_reads_totals_rates_and_link_shares_from_the_roll_ups()
    {
        await using var kit = await TrackingKit.CreateAsync();
        var campaign = await kit.AddCampaignAsync(["https://a.example/1", "https://a.example/2"]);
        var at = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        await using (var db = await kit.Database.Contexts.CreateDbContextAsync())
            await StatCounter.AddAsync(db, [StatCounter.At(at, TrackingKit.Brand, StatMetric.Sent, campaign, value: 10), StatCounter.At(at, TrackingKit.Brand, StatMetric.HardBounce, campaign, value: 2)]);
        await kit.Store.WriteAsync(
        [
            new(TrackingKit.Brand, campaign, 1, TrackingKind.Open, 0, null, false, at),
            new(TrackingKit.Brand, campaign, 2, TrackingKind.Open, 0, null, false, at),
            new(TrackingKit.Brand, campaign, 1, TrackingKind.Click, 0, 0, false, at),
            new(TrackingKit.Brand, campaign, 1, TrackingKind.Click, 0, 0, false, at),
            new(TrackingKit.Brand, campaign, 2, TrackingKind.Click, 0, 1, false, at),
            new(TrackingKit.Brand, campaign, 3, TrackingKind.Click, 0, 1, true, at),
        ]);

        await using var read = await kit.Database.Contexts.CreateDbContextAsync();
        var report = (await CampaignReport.LoadAsync(read, campaign))!;

        report.Delivered.ShouldBe(8);
        report.OpenRate.ShouldBe(0.25);
        report.ClickRate.ShouldBe(0.25);
        report.Totals[StatMetric.MachineClick].ShouldBe(1);
        report.Links.Select(l => (l.Index, l.Total, l.Unique, l.Machine)).ShouldBe([(0, 2L, 1L, 0L), (1, 1L, 1L, 1L)]);
        report.Links[0].Share.ShouldBe(2.0 / 3, 1e-9);
    }
}
