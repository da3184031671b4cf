using Joules.Core.Data.Providers;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Mail;
using Joules.Core.Plugins.Data;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Sending;
using Joules.Plugins.Newsletter.Sending.Composition;
using Joules.Plugins.Newsletter.Sending.Pipeline;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Plugins.Newsletter.Tests.Sending.Infrastructure;

/// <summary>The newsletter database (a real SQLite file, or the given database), an in-process SMTP sink, and a container with the sending part
/// wired as the plugin wires it, with Core's SMTP transport pointed at the sink. <see cref="RestartAsync"/> builds a new
/// container on the same database (a new process after a crash).</summary>
public sealed class SendingFixture : IAsyncDisposable
{
    public const string BaseUrl = "https://news.example.test";
    public static readonly Guid BrandId = Guid.Parse("11111111-2222-3333-4444-555555555555");

    private readonly NewsletterTestDatabase _database;

    private SendingFixture(NewsletterTestDatabase database, SmtpSink sink)
    {
        _database = database;
        Sink = sink;
        Services = Build();
    }

    public SmtpSink Sink { get; }
    public DatabaseOptions Database => _database.Options;
    public ServiceProvider Services { get; private set; }
    public IDbContextFactory<NewsletterDb> Contexts => Services.GetRequiredService<IDbContextFactory<NewsletterDb>>();
    public CampaignDispatcher Dispatcher => Services.GetRequiredService<CampaignDispatcher>();

    /// <summary>A fixture on <paramref name="options"/> (null: a new SQLite file).</summary>
    public static async Task<SendingFixture> CreateAsync(DatabaseOptions? options = null)
    {
        var database = await NewsletterTestDatabase.CreateAsync(options);
        var sink = await SmtpSink.StartAsync();
        return new SendingFixture(database, sink);
    }

    public ICampaignCommands Commands(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<ICampaignCommands>();

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task WithScopeAsync(Func<IServiceProvider, Task> action) => WithScopeAsync<bool>(async sp => { await action(sp); return true; });

    public async Task<TokenSigner> SignerAsync()
    {
        var signer = Services.GetRequiredService<TokenSigner>();
        await signer.InitialiseAsync();
        return signer;
    }

    /// <summary>Disposes the container while it may be sending (shutdown) and builds a new one on the same database.</summary>
    public async Task RestartAsync(Func<Task>? whileStopping = null)
    {
        var stopping = Services.DisposeAsync().AsTask();
        if (whileStopping is not null) await whileStopping();
        await stopping;
        Services = Build();
    }

    /// <summary>A new list with <paramref name="recipients"/> confirmed subscribers and a draft campaign to it.</summary>
    public async Task<(Campaign Campaign, List<Subscriber> Subscribers)> CampaignToNewListAsync(int recipients)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var list = await SendingData.ListAsync(db);
        var subscribers = await SendingData.SubscribersAsync(db, list, recipients);
        return (await SendingData.CampaignAsync(db, list), subscribers);
    }

    /// <summary>"Send now" on the campaign (the command the campaign page calls).</summary>
    public Task SendNowAsync(long campaignId) => WithScopeAsync(sp => sp.GetRequiredService<ICampaignCommands>().SendNowAsync(campaignId));

    /// <summary>"Send now", then the dispatch job's work until the campaign is done.</summary>
    public async Task SendCampaignAsync(long campaignId)
    {
        await SendNowAsync(campaignId);
        await DispatchUntilIdleAsync(campaignId);
    }

    /// <summary>Runs the dispatch job's work until no campaign is sending any more (A/B waiting counts as done).</summary>
    public async Task DispatchUntilIdleAsync(long campaignId)
    {
        for (var i = 0; i < 50; i++)
        {
            await WithScopeAsync(sp => sp.GetRequiredService<CampaignScheduler>().RunDueAsync());
            await Dispatcher.WhenIdleAsync(campaignId);
            await using var db = await Contexts.CreateDbContextAsync();
            var status = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Status).FirstAsync();
            if (status != CampaignStatus.Sending && status != CampaignStatus.Scheduled) return;
        }
        throw new InvalidOperationException("The campaign did not finish.");
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => { if (Environment.GetEnvironmentVariable("NL_TEST_LOG") == "1") b.AddConsole(); });
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(_database.Folder, "keys")));
        services.AddSingleton(Database);
        var database = Database;
        services.AddDbContextFactory<NewsletterDb>(o => PluginDatabase.Configure(o, database, NewsletterPlugin.Id, () => null, () => true));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Plugins:{NewsletterPlugin.Id}:PublicBaseUrl"] = BaseUrl,
        }).Build());
        services.AddSingleton<IServer, NoServer>();
        services.AddSingleton<TokenSigner>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<ISmtpEndpointSource>(new SinkEndpoint(Sink.Port));
        services.AddMailTransport();
        services.AddSingleton<IBrandDirectory>(new FixedBrand());
        services.AddSendingServices();
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Sink.DisposeAsync();
        await _database.DisposeAsync();
    }

    private sealed class SinkEndpoint(int port) : ISmtpEndpointSource
    {
        public ValueTask<SmtpEndpoint?> ResolveAsync(Guid? brandId, CancellationToken ct = default) =>
            ValueTask.FromResult<SmtpEndpoint?>(new SmtpEndpoint("127.0.0.1", port, SmtpTlsMode.None, null, null, "newsletter@stadtwerke-sonnental.test", "Stadtwerke Sonnental", 4));
        public void Invalidate(Guid brandId) { }
    }

    private sealed class FixedBrand : IBrandDirectory
    {
        public Task<BrandInfo> GetAsync(Guid brandId, CancellationToken ct = default) => Task.FromResult(new BrandInfo(brandId, "Stadtwerke Sonnental", "SWS"));
    }

    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();
        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public void Dispose() { }
    }
}
