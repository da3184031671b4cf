using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Joules.Core.Data.Providers;

/// <summary>Sets <c>PRAGMA synchronous = NORMAL</c> and a busy timeout (SQLite waits for the write lock itself, in
/// short steps) once on every native SQLite connection the contexts open. With the WAL journal
/// the host uses, NORMAL keeps the database consistent after a crash of the process or the machine and syncs the log at
/// checkpoints instead of at every commit; only the last commits before a power loss can be lost. Without it every
/// commit waits for an fsync, which caps SQLite at a few hundred commits a second for the whole installation.</summary>
internal sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    public static readonly SqliteConnectionTuning Instance = new();

    private const string Pragma = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";

    // Pooled connections keep their settings: set them once per native connection, not on every open.
    private static readonly ConditionalWeakTable<object, object> Tuned = new();

    private static bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Tuned.TryAdd(handle, Tuned);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
