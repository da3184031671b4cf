using Joules.Core.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Joules.Host.Tests.Infrastructure;

/// <summary>The real host on a fresh SQLite file in a temp data folder. Demo data is off unless a test
/// asks for it with <see cref="DemoCustomers"/>.</summary>
public class JoulesAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("joules-host-").FullName;

    /// <summary>Number of demo customers to create; 0 disables the demo tenant.</summary>
    public int DemoCustomers { get; init; }

    public string DataFolder => _dataFolder;

    /// <summary>More settings for this host (applied last).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>More services for this host (e.g. a test credit bureau), registered after the host's own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>The plugins folder of this host (empty unless a test puts plugins there).</summary>
    public string PluginsFolder => Path.Combine(_dataFolder, "plugins");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Joules:DataFolder", _dataFolder);
        builder.UseSetting("Joules:Demo:Enabled", DemoCustomers > 0 ? "true" : "false");
        builder.UseSetting("Joules:Demo:Customers", DemoCustomers.ToString());
        builder.UseSetting("Joules:Plugins:Folder", PluginsFolder);
        builder.UseSetting("Joules:Simulators:Enabled", "false");   // a test that needs them sets it in Settings
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2)));
        if (TestServices is not null) builder.ConfigureServices(TestServices);
    }

    /// <summary>Runs <paramref name="work"/> in a scope acting as the system.</summary>
    public async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("test");
        await work(scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
    }
}
