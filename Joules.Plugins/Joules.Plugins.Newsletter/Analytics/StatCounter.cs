using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Analytics;

/// <summary>A change of a roll-up counter.</summary>
public readonly record struct StatDelta(Guid BrandId, DateOnly Day, long CampaignId, long ListId, StatMetric Metric, long Value);

/// <summary>Adds to the <see cref="DailyStat"/> roll-ups with one upsert per distinct key (in the caller's transaction,
/// if one is open). Everything that counts (sending, tracking, subscriptions) goes through here, so the analytics only
/// ever read roll-ups.</summary>
public static class StatCounter
{
    public static async Task AddAsync(NewsletterDb db, IEnumerable<StatDelta> deltas, CancellationToken ct = default)
    {
        var merged = deltas.GroupBy(d => (d.BrandId, d.Day, d.CampaignId, d.ListId, d.Metric))
            .Select(g => new StatDelta(g.Key.BrandId, g.Key.Day, g.Key.CampaignId, g.Key.ListId, g.Key.Metric, g.Sum(x => x.Value)))
            .Where(d => d.Value != 0).ToList();
        if (merged.Count == 0) return;
        var sql = UpsertSql(db);
        foreach (var d in merged)
        {
#pragma warning disable EF1003 // the table name comes from the model; the values are parameters
            await db.Database.ExecuteSqlRawAsync(sql, [d.BrandId, d.Day, d.CampaignId, d.ListId, (int)d.Metric, d.Value], ct);
#pragma warning restore EF1003
        }
    }

    private static string UpsertSql(NewsletterDb db)
    {
        var table = db.Model.FindEntityType(typeof(DailyStat))!.GetTableName()!;
        return (db.Database.ProviderName ?? "").Contains("SqlServer", StringComparison.Ordinal)
            ? $"MERGE [{table}] WITH (HOLDLOCK) AS t USING (SELECT {{0}} AS BrandId, {{1}} AS Day, {{2}} AS CampaignId, {{3}} AS ListId, {{4}} AS Metric) AS s " +
              "ON t.BrandId = s.BrandId AND t.Day = s.Day AND t.CampaignId = s.CampaignId AND t.ListId = s.ListId AND t.Metric = s.Metric " +
              "WHEN MATCHED THEN UPDATE SET Value = t.Value + {5} WHEN NOT MATCHED THEN INSERT (BrandId, Day, CampaignId, ListId, Metric, Value) " +
              "VALUES ({0}, {1}, {2}, {3}, {4}, {5});"
            : $"INSERT INTO \"{table}\" (\"BrandId\", \"Day\", \"CampaignId\", \"ListId\", \"Metric\", \"Value\") VALUES ({{0}}, {{1}}, {{2}}, {{3}}, {{4}}, {{5}}) " +
              $"ON CONFLICT (\"BrandId\", \"Day\", \"CampaignId\", \"ListId\", \"Metric\") DO UPDATE SET \"Value\" = \"{table}\".\"Value\" + excluded.\"Value\"";
    }

    /// <summary>One delta for today's (UTC) date of <paramref name="at"/>.</summary>
    public static StatDelta At(DateTimeOffset at, Guid brandId, StatMetric metric, long campaignId = 0, long listId = 0, long value = 1) =>
        new(brandId, DateOnly.FromDateTime(at.UtcDateTime), campaignId, listId, metric, value);
}
