using System.Net;
using Joules.Host.Plugins.Runtime;
using Joules.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Plugins.Newsletter;

/// <summary>A real host on Kestrel (real port, real SQLite file, demo brands) with the shipped newsletter plugin
/// installed and active. Mail goes to the host's development mailbox (a real SMTP server, see SentMailbox).</summary>
public class NewsletterHost : PluginHost
{
    public const string PluginId = "joules.newsletter";

    public NewsletterHost()
    {
        var source = TestPlugins.Shipped(PluginId);
        var staging = Path.Combine(PluginsFolder, ".incoming", Guid.NewGuid().ToString("N"));
        TestPlugins.CopyFolder(source, staging);
        Directory.Move(staging, Path.Combine(PluginsFolder, PluginId));
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The host's address (starts it on first use).</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.TrimEnd('/') + "/");
        }
    }

    /// <summary>A client on the real port that does not follow redirects.</summary>
    public HttpClient Http() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };

    /// <summary>Waits until the plugin is active (migrated, endpoints mapped, jobs scheduled).</summary>
    public async Task WaitUntilActiveAsync()
    {
        _ = Address;
        var active = await WaitUntilAsync(() => Services.GetRequiredService<PluginRegistry>().Find(PluginId) is { IsRunning: true },
            TimeSpan.FromSeconds(60));
        active.ShouldBeTrue($"{PluginId} did not become active: {Services.GetRequiredService<PluginRegistry>().Find(PluginId)?.Fault}");
    }

    /// <summary>A connection to the host's database file, for reading the plugin's tables (prefix joules_newsletter_).</summary>
    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(DataFolder, "joules.db")};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }
}
