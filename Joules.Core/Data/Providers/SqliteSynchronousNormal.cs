using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Joules.Core.Data.Providers;

/// <summary>Sets <c>PRAGMA synchronous = NORMAL</c> on every SQLite connection the contexts open. With the WAL journal
/// the host uses, NORMAL keeps the database consistent after a crash of the process or the machine and syncs the log at
/// checkpoints instead of at every commit; only the last commits before a power loss can be lost. Without it every
/// commit waits for an fsync, which caps SQLite at a few hundred commits a second for the whole installation.</summary>
internal sealed class SqliteSynchronousNormal : DbConnectionInterceptor
{
    public static readonly SqliteSynchronousNormal Instance = new();

    private const string Pragma = "PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
