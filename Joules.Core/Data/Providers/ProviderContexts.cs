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
}

/// <summary>PostgreSQL flavour of the core context (own migrations).</summary>
public sealed class PostgresJoulesDbContext(DbContextOptions<PostgresJoulesDbContext> options, ICurrentUser user) : JoulesDbContext(options, user);

/// <summary>SQL Server flavour of the core context (own migrations).</summary>
public sealed class SqlServerJoulesDbContext(DbContextOptions<SqlServerJoulesDbContext> options, ICurrentUser user) : JoulesDbContext(options, user);
