using Joules.Core.Data.Providers;
using Joules.Core.Plugins.Data;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Tests;

/// <summary>A real SQLite file with the newsletter plugin's migrations applied, and a service provider with the plugin's
/// context factory (as the system user), the way the host configures it.</summary>
public sealed class NewsletterTestDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private NewsletterTestDatabase(string folder, ServiceProvider services)
    {
        _folder = folder;
        Services = services;
    }

    public ServiceProvider Services { get; }

    public IDbContextFactory<NewsletterDb> Contexts => Services.GetRequiredService<IDbContextFactory<NewsletterDb>>();

    public static async Task<NewsletterTestDatabase> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "joules-newsletter-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "joules.db")}" };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys")));
        services.AddSingleton(database);
        services.AddDbContextFactory<NewsletterDb>(o => PluginDatabase.Configure(o, database, NewsletterPlugin.Id, () => null, () => true));
        services.AddSingleton<TokenSigner>();
        var provider = services.BuildServiceProvider();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<NewsletterDb>>().CreateDbContextAsync())
            await db.Database.MigrateAsync();
        return new NewsletterTestDatabase(folder, provider);
    }

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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { /* best effort */ }
    }
}
