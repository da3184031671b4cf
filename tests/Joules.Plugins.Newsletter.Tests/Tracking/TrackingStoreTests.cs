using Joules.Core.Data.Providers;
using Joules.Core.Tests.Infrastructure;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Tests.Tracking;

/// <summary>The tracking store's raw statements (multi-row inserts, insert-or-ignore, upserts) and the roll-ups they
/// feed, on a real database of every provider the tests can start (subclasses below).</summary>
public abstract class TrackingStoreTests
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;

    /// <summary>The database of one test (null: a new SQLite file).</summary>
    protected abstract Task<DatabaseOptions?> DatabaseAsync();

    private async Task<TrackingKit> CreateKitAsync() => await TrackingKit.CreateAsync(await DatabaseAsync());

    /// <summary>Random opens and clicks: repeated by the same subscribers, some machine, some anonymous, over ten days.</summary>
    private static List<TrackingHit> RandomHits(long[] campaigns, int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 10, 1, 6, 0, 0, TimeSpan.Zero);
        var hits = new List<TrackingHit>(count);
        for (var i = 0; i < count; i++)
        {
            var campaign = campaigns[random.Next(campaigns.Length)];
            long? subscriber = random.Next(100) < 15 ? null : random.Next(1, 250);
            var variant = (byte)((subscriber ?? random.Next(2)) % 2);
            var click = random.Next(100) < 40;
            hits.Add(new TrackingHit(TrackingKit.Brand, campaign, subscriber, click ? TrackingKind.Click : TrackingKind.Open, variant,
                click ? random.Next(5) : null, random.Next(100) < 12, start.AddMinutes(random.Next(10 * 24 * 60))));
        }
        // In arrival order, as the writer sees them.
        return hits.OrderBy(h => h.At).ToList();
    }

    private static async Task<Dictionary<string, long>> QueryAsync(NewsletterDb db, string sql)
    {
        var result = new Dictionary<string, long>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = string.Join("|", Enumerable.Range(0, reader.FieldCount - 1).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
            result[key] = Convert.ToInt64(reader.GetValue(reader.FieldCount - 1), System.Globalization.CultureInfo.InvariantCulture);
        }
        return result;
    }

    private static async Task<Dictionary<string, long>> DailyAsync(NewsletterDb db, StatMetric metric)
    {
        var rows = await db.DailyStats.Where(s => s.Metric == metric).ToListAsync();
        return rows.GroupBy(r => $"{r.CampaignId}|{(r.Day.ToDateTime(TimeOnly.MinValue).Ticks / TicksPerDay).ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
    }

    private static void ShouldEqual(Dictionary<string, long> actual, Dictionary<string, long> expected, string what)
    {
        expected.Values.Sum().ShouldBeGreaterThan(0, what);
        actual.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key).ToList()
            .ShouldBe(expected.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key).ToList(), what);
    }

    [Fact]
    public async Task Roll_ups_equal_counts_over_the_raw_events()
    {
        await using var kit = await CreateKitAsync();
        long[] campaigns = [await kit.AddCampaignAsync(["https://a.example/1"]), await kit.AddCampaignAsync(["https://b.example/1"])];
        var hits = RandomHits(campaigns, 4_000, seed: 20261127);
        // Batches of random sizes, half directly through the store and half through the writer.
        var random = new Random(7);
        for (var at = 0; at < hits.Count / 2;)
        {
            var size = Math.Min(random.Next(1, 700), hits.Count / 2 - at);
            await kit.Store.WriteAsync(hits.GetRange(at, size));
            at += size;
        }
        foreach (var hit in hits.Skip(hits.Count / 2)) kit.Writer.TryEnqueue(hit).ShouldBeTrue();
        await kit.Writer.FlushAsync();

        await using var db = await kit.Database.Contexts.CreateDbContextAsync();
        const string events = "\"joules_newsletter_TrackingEvents\"";
        (await db.TrackingEvents.LongCountAsync()).ShouldBe(hits.Count);

        // Totals and machine counts per campaign and day.
        ShouldEqual(await DailyAsync(db, StatMetric.OpenTotal),
            await QueryAsync(db, $"SELECT \"CampaignId\", \"At\" / {TicksPerDay}, COUNT(*) FROM {events} WHERE \"Kind\" = 0 AND \"Machine\" = FALSE GROUP BY 1, 2"), "open total");
        ShouldEqual(await DailyAsync(db, StatMetric.ClickTotal),
            await QueryAsync(db, $"SELECT \"CampaignId\", \"At\" / {TicksPerDay}, COUNT(*) FROM {events} WHERE \"Kind\" = 1 AND \"Machine\" = FALSE GROUP BY 1, 2"), "click total");
        ShouldEqual(await DailyAsync(db, StatMetric.MachineOpen),
            await QueryAsync(db, $"SELECT \"CampaignId\", \"At\" / {TicksPerDay}, COUNT(*) FROM {events} WHERE \"Kind\" = 0 AND \"Machine\" = TRUE GROUP BY 1, 2"), "machine open");
        ShouldEqual(await DailyAsync(db, StatMetric.MachineClick),
            await QueryAsync(db, $"SELECT \"CampaignId\", \"At\" / {TicksPerDay}, COUNT(*) FROM {events} WHERE \"Kind\" = 1 AND \"Machine\" = TRUE GROUP BY 1, 2"), "machine click");

        // Unique: a known subscriber's first human open/click, counted on its day; anonymous and machine hits never.
        ShouldEqual(await DailyAsync(db, StatMetric.OpenUnique), await QueryAsync(db,
            $"SELECT \"CampaignId\", First / {TicksPerDay}, COUNT(*) FROM (SELECT \"CampaignId\", \"SubscriberId\", MIN(\"At\") AS First FROM {events} " +
            "WHERE \"Kind\" = 0 AND \"Machine\" = FALSE AND \"SubscriberId\" IS NOT NULL GROUP BY \"CampaignId\", \"SubscriberId\") AS f GROUP BY 1, 2"), "open unique");
        ShouldEqual(await DailyAsync(db, StatMetric.ClickUnique), await QueryAsync(db,
            $"SELECT \"CampaignId\", First / {TicksPerDay}, COUNT(*) FROM (SELECT \"CampaignId\", \"SubscriberId\", MIN(\"At\") AS First FROM {events} " +
            "WHERE \"Kind\" = 1 AND \"Machine\" = FALSE AND \"SubscriberId\" IS NOT NULL GROUP BY \"CampaignId\", \"SubscriberId\") AS f GROUP BY 1, 2"), "click unique");
        var uniqueOpens = await QueryAsync(db, $"SELECT \"CampaignId\", COUNT(DISTINCT \"SubscriberId\") FROM {events} WHERE \"Kind\" = 0 AND \"Machine\" = FALSE GROUP BY 1");
        (await db.RecipientActivities.CountAsync(a => a.FirstOpenAt != null)).ShouldBe((int)uniqueOpens.Values.Sum());

        // Per link: total, unique (distinct known subscribers) and machine.
        var linkStats = (await db.LinkStats.ToListAsync()).ToDictionary(l => $"{l.CampaignId}|{l.Variant}|{l.LinkIndex}");
        ShouldEqual(linkStats.ToDictionary(kv => kv.Key, kv => kv.Value.Total),
            await QueryAsync(db, $"SELECT \"CampaignId\", \"Variant\", \"LinkIndex\", COUNT(*) FROM {events} WHERE \"Kind\" = 1 AND \"Machine\" = FALSE GROUP BY 1, 2, 3"), "link total");
        ShouldEqual(linkStats.ToDictionary(kv => kv.Key, kv => kv.Value.Unique),
            await QueryAsync(db, $"SELECT \"CampaignId\", \"Variant\", \"LinkIndex\", COUNT(DISTINCT \"SubscriberId\") FROM {events} WHERE \"Kind\" = 1 AND \"Machine\" = FALSE GROUP BY 1, 2, 3"), "link unique");
        ShouldEqual(linkStats.ToDictionary(kv => kv.Key, kv => kv.Value.Machine),
            await QueryAsync(db, $"SELECT \"CampaignId\", \"Variant\", \"LinkIndex\", COUNT(*) FROM {events} WHERE \"Kind\" = 1 AND \"Machine\" = TRUE GROUP BY 1, 2, 3"), "link machine");
    }

    [Fact]
    public async Task Anonymous_hits_count_in_totals_but_never_as_unique()
    {
        await using var kit = await CreateKitAsync();
        var campaign = await kit.AddCampaignAsync(["https://a.example/1"]);
        var at = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        await kit.Store.WriteAsync(
        [
            new TrackingHit(TrackingKit.Brand, campaign, null, TrackingKind.Open, 0, null, false, at),
            new TrackingHit(TrackingKit.Brand, campaign, null, TrackingKind.Open, 0, null, false, at),
            new TrackingHit(TrackingKit.Brand, campaign, 0, TrackingKind.Click, 0, 0, false, at),
        ]);

        await using var db = await kit.Database.Contexts.CreateDbContextAsync();
        var stats = await db.DailyStats.ToDictionaryAsync(s => s.Metric, s => s.Value);
        stats.GetValueOrDefault(StatMetric.OpenTotal).ShouldBe(2);
        stats.GetValueOrDefault(StatMetric.ClickTotal).ShouldBe(1);
        stats.ContainsKey(StatMetric.OpenUnique).ShouldBeFalse();
        stats.ContainsKey(StatMetric.ClickUnique).ShouldBeFalse();
        (await db.LinkStats.SingleAsync()).Unique.ShouldBe(0);
        (await db.TrackingEvents.CountAsync(e => e.SubscriberId == null)).ShouldBe(3);
    }

    [Fact]
    public async Task Writer_marks_hits_seconds_after_delivery_as_machine()
    {
        await using var kit = await CreateKitAsync();
        var campaign = await kit.AddCampaignAsync(["https://a.example/1"], finishedAt: DateTimeOffset.UtcNow.AddMinutes(1));
        var delivered = DateTimeOffset.UtcNow.AddSeconds(-1);
        await using (var db = await kit.Database.Contexts.CreateDbContextAsync())
        {
            db.Deliveries.Add(new CampaignDelivery { CampaignId = campaign, SubscriberId = 5, BrandId = TrackingKit.Brand, At = delivered });
            db.Deliveries.Add(new CampaignDelivery { CampaignId = campaign, SubscriberId = 6, BrandId = TrackingKit.Brand, At = delivered.AddMinutes(-10) });
            await db.SaveChangesAsync();
        }

        kit.Writer.TryEnqueue(new TrackingHit(TrackingKit.Brand, campaign, 5, TrackingKind.Open, 0, null, false, delivered.AddSeconds(1)));
        kit.Writer.TryEnqueue(new TrackingHit(TrackingKit.Brand, campaign, 6, TrackingKind.Open, 0, null, false, delivered.AddSeconds(1)));
        await kit.Writer.FlushAsync();

        await using var check = await kit.Database.Contexts.CreateDbContextAsync();
        (await check.TrackingEvents.SingleAsync(e => e.SubscriberId == 5)).Machine.ShouldBeTrue();
        (await check.TrackingEvents.SingleAsync(e => e.SubscriberId == 6)).Machine.ShouldBeFalse();
    }
}

/// <summary>The tracking store on a real SQLite file.</summary>
public sealed class SqliteTrackingStoreTests : TrackingStoreTests
{
    protected override Task<DatabaseOptions?> DatabaseAsync() => Task.FromResult<DatabaseOptions?>(null);
}

/// <summary>The tracking store on PostgreSQL 15 (a throwaway cluster shared by the collection, one database per test).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTrackingStoreTests(PostgresServer server) : TrackingStoreTests
{
    protected override async Task<DatabaseOptions?> DatabaseAsync() => await NewsletterTestDatabase.PostgreSqlAsync(server, "tracking");
}
