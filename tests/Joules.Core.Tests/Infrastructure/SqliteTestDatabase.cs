using Joules.Core.Data;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Brands;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.Infrastructure;

/// <summary>A real SQLite database file in a temp folder, migrated like production; deleted on dispose.</summary>
public sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("joules-test-").FullName;

    public SqliteTestDatabase() =>
        Options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_folder, "test.db")};Pooling=False" };

    public DatabaseOptions Options { get; }

    /// <summary>Creates the schema with the SQLite migrations.</summary>
    public async Task<SqliteTestDatabase> MigrateAsync()
    {
        await using var db = Context(new SystemUser());
        await db.Database.MigrateAsync();
        return this;
    }

    /// <summary>A new context acting as <paramref name="user"/>.</summary>
    public JoulesDbContext Context(ICurrentUser user) => CoreDatabaseRegistration.Create(Options, user);

    /// <summary>Adds a brand as the system and returns it.</summary>
    public async Task<Brand> AddBrandAsync(string code, string name)
    {
        await using var db = Context(new SystemUser());
        var brand = new Brand(code, name);
        db.Brands.Add(brand);
        await db.SaveChangesAsync();
        return brand;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
