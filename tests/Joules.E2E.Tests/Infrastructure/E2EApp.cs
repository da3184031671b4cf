using Joules.Core.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Joules.E2E.Tests.Infrastructure;

/// <summary>The real host listening on a free local port, on a fresh SQLite file with the demo brand and users
/// (and only a handful of demo customers: tests create the data they rely on).</summary>
public sealed class E2EApp : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("joules-e2e-").FullName;

    public E2EApp()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary>The host's plugins folder (empty at start).</summary>
    public string PluginsFolder => Path.Combine(_dataFolder, "plugins");

    /// <summary>The signed package of a test plugin (tests/Plugins/*), as the test build produced it.</summary>
    public static string TestPluginPackage(string id)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Joules.sln"))) dir = dir.Parent;
        var packages = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Joules.sln not found."), "artifacts", "test-plugins", "packages");
        return Directory.GetFiles(packages, id + "-*.joules").Single();
    }

    /// <summary>"http://127.0.0.1:port" of the running host.</summary>
    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Joules:DataFolder", _dataFolder);
        builder.UseSetting("Joules:Demo:Enabled", "true");
        builder.UseSetting("Joules:Demo:Customers", "5");
        builder.UseSetting("Joules:Plugins:Folder", PluginsFolder);
        builder.UseUrls("http://127.0.0.1:0");
        builder.ConfigureServices(s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2)));
        // External services (credit bureaus, SMS gateway) answer from the simulators, as in the demo.
        builder.UseSetting("Joules:Simulators:Enabled", "true");
    }

    /// <summary>Moves the build's installed copy of a shipped plugin (plugins-bin/&lt;id&gt;) into the host's plugins folder
    /// the way an administrator should: copy to a staging folder, then one rename. The host activates it live. Does
    /// nothing when the plugin is there already.</summary>
    public void InstallShippedPlugin(string id)
    {
        var target = Path.Combine(PluginsFolder, id);
        if (Directory.Exists(target)) return;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Joules.sln"))) dir = dir.Parent;
        var source = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Joules.sln not found."), "plugins-bin", id);
        // dotnet test on the solution may start this assembly while the host's build still installs the shipped plugins
        // (each one renamed into place complete).
        var until = DateTime.UtcNow.AddMinutes(5);
        while (!Directory.Exists(source) && DateTime.UtcNow < until) Thread.Sleep(500);
        var staging = Path.Combine(PluginsFolder, ".incoming", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(staging, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        Directory.Move(staging, target);
    }

    /// <summary>Installs the shipped ene't market data plugin (answering from the simulator) and waits until the host
    /// offers the provider.</summary>
    public async Task InstallMarketDataAsync()
    {
        InstallShippedPlugin("joules.marketdata-enet");
        for (var attempt = 0; attempt < 200 && !await EnetAvailableAsync(); attempt++) await Task.Delay(100);
        if (!await EnetAvailableAsync()) throw new InvalidOperationException("The ene't market data plugin did not start.");
    }

    private Task<bool> EnetAvailableAsync() =>
        WithScopeAsync(s => Task.FromResult(s.GetRequiredService<Joules.Core.MarketData.IMarketDataProviderDirectory>().Available.Any(p => p.Id == "enet")));

    /// <summary>Runs <paramref name="work"/> in a scope acting as the system.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("e2e-setup");
        return await work(scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
    }
}
