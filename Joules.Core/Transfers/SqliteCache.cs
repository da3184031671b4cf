using Joules.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Joules.Core.Transfers;

/// <summary>On SQLite, a bulk write with many indexes outgrows the default 2 MB page cache and spills pages
/// mid-transaction; this enlarges the connection's cache for the duration and restores it after. A no-op on
/// other providers.</summary>
internal sealed class SqliteCache : IAsyncDisposable
{
    private readonly JoulesDbContext? _db;
    private readonly long _previous;

    private SqliteCache(JoulesDbContext? db, long previous)
    {
        _db = db;
        _previous = previous;
    }

    public static async Task<SqliteCache> EnlargeAsync(JoulesDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return new SqliteCache(null, 0);
        await db.Database.OpenConnectionAsync(ct);
        var previous = Convert.ToInt64(await ExecuteAsync(db, "PRAGMA cache_size", ct) ?? -2000L, System.Globalization.CultureInfo.InvariantCulture);
        await ExecuteAsync(db, "PRAGMA cache_size = -262144", ct); // 256 MB
        return new SqliteCache(db, previous);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is null) return;
        await ExecuteAsync(_db, "PRAGMA cache_size = " + _previous.ToString(System.Globalization.CultureInfo.InvariantCulture), default);
        await _db.Database.CloseConnectionAsync();
    }

    private static async Task<object?> ExecuteAsync(JoulesDbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}
