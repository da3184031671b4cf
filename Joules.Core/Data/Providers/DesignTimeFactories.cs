using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Joules.Core.Data.Providers;

// Used by `dotnet ef migrations add` only (scripts/add-migration.sh); no database is contacted.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteJoulesDbContext>
{
    public SqliteJoulesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteJoulesDbContext>().UseSqlite("Data Source=design.db").Options, new SystemUser());
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresJoulesDbContext>
{
    public PostgresJoulesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresJoulesDbContext>().UseNpgsql("Host=localhost;Database=joules").Options, new SystemUser());
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerJoulesDbContext>
{
    public SqlServerJoulesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerJoulesDbContext>().UseSqlServer("Server=localhost;Database=joules;TrustServerCertificate=true").Options, new SystemUser());
}
