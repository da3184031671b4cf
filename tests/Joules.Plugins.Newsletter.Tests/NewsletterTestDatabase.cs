using Joules.Core.Data.Providers;
using Joules.Core.Plugins.Data;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Tests;

/// <summary>A real database with the newsletter plugin's migrations applied (a SQLite file unless other
/// <see cref="DatabaseOptions"/> are given, e.g. a PostgreSQL database), and a service provider with the plugin's context
/// factory (as the system user), the way the host configures it.</summary>
public sealed class NewsletterTestDatabase : IAsyncDisposable
{
    private NewsletterTestDatabase(string folder, DatabaseOptions options, ServiceProvider services)
    {
        Folder = folder;
        Options = options;
        Services = services;
    }

    /// <summary>A temp folder of this database (the SQLite file, if any, and the Data Protection keys); deleted on dispose.</summary>
    public string Folder { get; }

    /// <summary>Provider and connection of this database.</summary>
    public DatabaseOptions Options { get; }

    public ServiceProvider Services { get; }

    public IDbContextFactory<NewsletterDb> Contexts => Services.GetRequiredService<IDbContextFactory<NewsletterDb>>();

    public bool IsSqlite => Options.Provider == DatabaseProvider.Sqlite;

    /// <summary>Migrates <paramref name="database"/> (null: a new SQLite file) with the plugin's migrations of its provider.</summary>
    public static async Task<NewsletterTestDatabase> CreateAsync(DatabaseOptions? database = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "joules-newsletter-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        database ??= new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "joules.db")}" };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys")));
        services.AddSingleton(database);
        services.AddDbContextFactory<NewsletterDb>(o => PluginDatabase.Configure(o, database, NewsletterPlugin.Id, () => null, () => true));
        services.AddSingleton<TokenSigner>();
        var provider = services.BuildServiceProvider();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<NewsletterDb>>().CreateDbContextAsync())
            await db.Database.MigrateAsync();
        return new NewsletterTestDatabase(folder, database, provider);
    }

    /// <summary>Options of a new, empty database on <paramref name="server"/>.</summary>
    public static async Task<DatabaseOptions> PostgreSqlAsync(Joules.Core.Tests.Infrastructure.PostgresServer server, string prefix = "newsletter") =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await server.CreateDatabaseAsync(prefix) };

    /// <summary>A new signer (as after a restart) on this database.</summary>
    public async Task<TokenSigner> SignerAsync()
    {
        var signer = new TokenSigner(Services.GetRequiredService<IServiceScopeFactory>(), Services.GetRequiredService<IDataProtectionProvider>());
        await signer.InitialiseAsync();
        return signer;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (IsSqlite)
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        else if (Options.Provider == DatabaseProvider.PostgreSql)
        {
            // The server allows a limited number of connections; idle pooled ones of finished tests would add up.
            await using var connection = new Npgsql.NpgsqlConnection(Options.ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
        try { Directory.Delete(Folder, true); } catch (IOException) { /* best effort */ }
    }
}
