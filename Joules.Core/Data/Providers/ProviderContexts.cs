using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Joules.Core.Data.Providers;

/// <summary>SQLite flavour of the core context: its own migrations; DateTimeOffset stored as sortable integers.</summary>
public sealed class SqliteJoulesDbContext(DbContextOptions<SqliteJoulesDbContext> options, ICurrentUser user) : JoulesDbContext(options, user)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        base.ConfigureConventions(builder);
        // SQLite has no DateTimeOffset type: stored as UTC ticks so ORDER BY and range filters run in SQL.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    /// <summary>Saves of the process take turns per database file (<see cref="SqliteWriteGate"/>) instead of colliding
    /// on SQLite's write lock; a save inside an explicit transaction already holds the lock and goes on.</summary>
    protected override ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) =>
        Database.CurrentTransaction is null ? SqliteWriteGate.EnterAsync(Database.GetConnectionString() ?? "", cancellationToken) : ValueTask.FromResult<IDisposable?>(null);
}

/// <summary>PostgreSQL flavour of the core context (own migrations).</summary>
public sealed class PostgresJoulesDbContext(DbContextOptions<PostgresJoulesDbContext> options, ICurrentUser user) : JoulesDbContext(options, user);

/// <summary>SQL Server flavour of the core context (own migrations).</summary>
public sealed class SqlServerJoulesDbContext(DbContextOptions<SqlServerJoulesDbContext> options, ICurrentUser user) : JoulesDbContext(options, user);
