using Joules.Core.Data.Providers;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Bench;

internal static class BenchDatabase
{
    /// <summary>A fresh SQLite file prepared as the host prepares its database at start (WAL journal, migrated);
    /// JOULES_BENCH_JOURNAL=delete keeps SQLite's default rollback journal instead.</summary>
    public static async Task<DatabaseOptions> CreateAsync(string workFolder, CancellationToken ct)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(workFolder, "bench.db")}" };
        await using var db = CoreDatabaseRegistration.Create(options, new SystemUser("bench"));
        if (!string.Equals(Environment.GetEnvironmentVariable("JOULES_BENCH_JOURNAL"), "delete", StringComparison.OrdinalIgnoreCase))
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
        return options;
    }
}
