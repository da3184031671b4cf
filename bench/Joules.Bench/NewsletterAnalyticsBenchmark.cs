using System.Diagnostics;
using System.Globalization;
using Joules.Plugins.Newsletter.Analytics;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Bench;

/// <summary>The analytics charts over a large history: 10 million opens and clicks (JOULES_BENCH_NL_EVENTS) of 100
/// campaigns over a year, 1 million recipients, written through the plugin's <see cref="TrackingStore"/> (raw events,
/// uniqueness, link and daily roll-ups) into SQLite, plus a year of subscriptions on 5 lists; then each chart query and
/// the campaign report are timed (median of 5 after one warm-up run; target &lt; 100 ms each).</summary>
public sealed class NewsletterAnalyticsBenchmark : IBenchmark
{
    public string Name => "newsletter-analytics";
    public string Description => "analytics chart queries over 10 million tracking events (target < 100 ms each)";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var total = long.TryParse(Environment.GetEnvironmentVariable("JOULES_BENCH_NL_EVENTS"), out var n) ? n : 10_000_000;
        var data = Directory.CreateDirectory(Path.Combine(workFolder, "data")).FullName;
        await using var services = NewsletterTrackingBenchmark.NewsletterServices(data);
        var contexts = services.GetRequiredService<IDbContextFactory<NewsletterDb>>();
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.MigrateAsync(ct);
        }
        var brand = Guid.NewGuid();
        var start = new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero);
        const int campaigns = 100;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            for (var c = 0; c < campaigns; c++)
                db.Campaigns.Add(new Campaign { BrandId = brand, Name = $"Kampagne {c + 1}", Subject = "x", Status = CampaignStatus.Sent,
                    StartedAt = start.AddDays(c * 3.6), FinishedAt = start.AddDays(c * 3.6).AddMinutes(30) });
            await db.SaveChangesAsync(ct);
            // Sent per campaign and subscriptions per list and day, as the sending and audience parts count them.
            var deltas = new List<StatDelta>();
            for (var c = 1; c <= campaigns; c++) deltas.Add(StatCounter.At(start.AddDays((c - 1) * 3.6), brand, StatMetric.Sent, c, value: 100_000));
            var random = new Random(1);
            for (var d = 0; d < 365; d++)
            for (var list = 1; list <= 5; list++)
            {
                deltas.Add(StatCounter.At(start.AddDays(d), brand, StatMetric.Subscribed, listId: list, value: random.Next(5, 80)));
                deltas.Add(StatCounter.At(start.AddDays(d), brand, StatMetric.Unsubscribed, listId: list, value: random.Next(0, 20)));
            }
            await StatCounter.AddAsync(db, deltas, ct);
        }

        var store = new TrackingStore(services.GetRequiredService<IServiceScopeFactory>());
        var watch = Stopwatch.StartNew();
        const int batch = 20_000;
        var hits = new List<TrackingHit>(batch);
        var rng = new Random(2);
        for (long written = 0; written < total; written += hits.Count)
        {
            hits.Clear();
            var size = (int)Math.Min(batch, total - written);
            // Time runs forward through the year; each hit belongs to one of the campaigns sent in the last weeks.
            var at = start.AddSeconds(written * (365.0 * 86400 / total));
            var newest = Math.Clamp((int)((at - start).TotalDays / 3.6), 0, campaigns - 1);
            for (var i = 0; i < size; i++)
            {
                var campaign = 1 + Math.Max(0, newest - rng.Next(4));
                long? subscriber = rng.Next(100) < 10 ? null : 1 + rng.Next(1_000_000);
                var click = rng.Next(100) < 30;
                hits.Add(new TrackingHit(brand, campaign, subscriber, click ? TrackingKind.Click : TrackingKind.Open, (byte)(rng.Next(10) == 0 ? 1 : 0),
                    click ? rng.Next(12) : null, rng.Next(100) < 8, at.AddMilliseconds(i)));
            }
            await store.WriteAsync(hits, ct);
            if ((written / batch) % 50 == 0 && written > 0)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {written:N0} events stored ({written / watch.Elapsed.TotalSeconds:N0}/s)"));
        }
        await store.DisposeAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   {total:N0} events through TrackingStore in {watch.Elapsed.TotalSeconds:F0} s ({total / watch.Elapsed.TotalSeconds:N0} events/s)"));
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            Console.WriteLine($"   rows: {await db.TrackingEvents.LongCountAsync(ct):N0} events, {await db.DailyStats.LongCountAsync(ct):N0} daily stats, " +
                              $"{await db.LinkStats.LongCountAsync(ct):N0} link stats, {await db.RecipientActivities.LongCountAsync(ct):N0} recipient activities");
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;", ct);
        }

        var from = DateOnly.FromDateTime(start.UtcDateTime);
        var to = from.AddDays(364);
        long[] chosen = [10, 20, 30, 40, 50];
        var queries = new (string Name, Func<NewsletterDb, Task> Run)[]
        {
            ("sent/opened/clicked, all campaigns, by day, 1 year", db => AnalyticsQueries.ActivityAsync(db, brand, from, to, Granularity.Day, null, ct)),
            ("sent/opened/clicked, all campaigns, by week, 1 year", db => AnalyticsQueries.ActivityAsync(db, brand, from, to, Granularity.Week, null, ct)),
            ("sent/opened/clicked, all campaigns, by month, all brands", db => AnalyticsQueries.ActivityAsync(db, null, from, to, Granularity.Month, null, ct)),
            ("sent/opened/clicked, 5 chosen campaigns, by week", db => AnalyticsQueries.ActivityAsync(db, brand, from, to, Granularity.Week, chosen, ct)),
            ("subscriptions, all lists, by day, 1 year", db => AnalyticsQueries.SubscriptionsAsync(db, brand, from, to, Granularity.Day, null, ct)),
            ("subscriptions, one list, by month", db => AnalyticsQueries.SubscriptionsAsync(db, brand, from, to, Granularity.Month, 3, ct)),
            ("campaign report (totals, links, A/B)", db => CampaignReport.LoadAsync(db, 50, ct)),
        };
        foreach (var (name, run) in queries)
        {
            var times = new List<double>();
            for (var i = 0; i < 6; i++)
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var sw = Stopwatch.StartNew();
                await run(db);
                if (i > 0) times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {name}: median {times[times.Count / 2]:F1} ms, max {times[^1]:F1} ms"));
        }
    }
}
