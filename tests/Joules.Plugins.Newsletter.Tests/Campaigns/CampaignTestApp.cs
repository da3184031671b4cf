using System.Globalization;
using Bunit;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Brands;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Data;
using Joules.Core.Plugins.Licensing;
using Joules.Core.Tenancy;
using Joules.Plugins.Newsletter.Campaigns;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Joules.Plugins.Newsletter.Tests.Campaigns;

/// <summary>A bUnit context with the Core and newsletter tables on one real SQLite file, the campaign service, and fakes of
/// the sending part's interfaces (preview, commands).</summary>
public sealed class CampaignTestApp : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("joules-nl-campaigns-").FullName;

    public BunitContext Ctx { get; } = new();
    public FakePreview Preview { get; } = new();
    public FakeCommands Commands { get; } = new();
    public Guid BrandId { get; private set; }
    public long ListId { get; private set; }

    public static async Task<CampaignTestApp> CreateAsync(bool withSending = true)
    {
        var app = new CampaignTestApp();
        await app.InitialiseAsync(withSending);
        return app;
    }

    private async Task InitialiseAsync(bool withSending)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = new CultureInfo("de-DE");
        // Saves and dialogs go through a real database; a busy build machine needs more than the default second.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_folder, "t.db")};Pooling=False" };
        await using (var core = CoreDatabaseRegistration.Create(options, new SystemUser()))
        {
            await core.Database.MigrateAsync();
            var brand = new Brand("SWS", "Stadtwerke Sonnental");
            core.Brands.Add(brand);
            await core.SaveChangesAsync();
            BrandId = brand.Id;
        }
        var s = Ctx.Services;
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        s.AddMudServices();
        s.AddLogging();
        s.AddLocalization(o => o.ResourcesPath = "Resources");
        s.AddJoulesDatabase(options);
        s.AddScoped<ICurrentUser>(_ => new SystemUser("r.redakteur"));
        s.AddDbContextFactory<NewsletterDb>(o => PluginDatabase.Configure(o, options, NewsletterPlugin.Id, () => null, () => true));
        s.AddSingleton<IPluginContext>(new TestPluginContext());
        s.AddScoped<CampaignService>();
        s.AddScoped<NewsletterBrands>();
        if (withSending)
        {
            s.AddSingleton<ICampaignPreview>(Preview);
            s.AddSingleton<ICampaignCommands>(Commands);
        }
        await using var db = await Ctx.Services.GetRequiredService<IDbContextFactory<NewsletterDb>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        var list = new MailingList { BrandId = BrandId, Name = "Newsletter", Public = true, ConsentText = "Ja, ich möchte den Newsletter." };
        db.Lists.Add(list);
        db.Subscribers.Add(new Subscriber { BrandId = BrandId, Email = "erika.muster@example.com", FirstName = "Erika", LastName = "Muster" });
        await db.SaveChangesAsync();
        ListId = list.Id;
    }

    public async Task<long> AddDraftAsync(Action<Campaign>? change = null)
    {
        await using var db = await Ctx.Services.GetRequiredService<IDbContextFactory<NewsletterDb>>().CreateDbContextAsync();
        var campaign = new Campaign
        {
            BrandId = BrandId, Name = "Herbstaktion", Subject = "Hallo {{ subscriber.first_name }}", HtmlBody = "<p>Hallo</p>", TextBody = "Hallo",
            Lists = [new CampaignList { ListId = ListId }], CreatedBy = "test",
        };
        change?.Invoke(campaign);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    public async Task<List<Campaign>> CampaignsAsync()
    {
        await using var db = await Ctx.Services.GetRequiredService<IDbContextFactory<NewsletterDb>>().CreateDbContextAsync();
        return await db.Campaigns.AsNoTracking().ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Ctx.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private sealed class TestPluginContext : IPluginContext
    {
        public PluginManifest Manifest => throw new NotSupportedException();
        public PluginLicenceStatus Licence { get; } = new() { PluginId = NewsletterPlugin.Id, State = LicenceState.Licensed, Reason = "test" };
        public string Folder => AppContext.BaseDirectory;
    }
}

public sealed class FakePreview : ICampaignPreview
{
    public List<(string Subject, byte Variant, long? SubscriberId)> Renders { get; } = [];
    public List<(byte Variant, string Address)> Tests { get; } = [];

    public Task<RenderedMail> RenderAsync(Campaign campaign, byte variant, long? subscriberId, CancellationToken ct = default)
    {
        Renders.Add((campaign.Subject, variant, subscriberId));
        var subject = variant == 1 ? campaign.SubjectB ?? "" : campaign.Subject;
        return Task.FromResult(new RenderedMail(subject, $"<p>Vorschau Variante {(variant == 1 ? "B" : "A")}</p>", "Vorschau"));
    }

    public Task SendTestAsync(Campaign campaign, byte variant, string address, CancellationToken ct = default)
    {
        Tests.Add((variant, address));
        return Task.CompletedTask;
    }
}

public sealed class FakeCommands : ICampaignCommands
{
    public int Recipients { get; set; } = 1234;
    public List<string> Calls { get; } = [];

    public Task SendNowAsync(long campaignId, CancellationToken ct = default) { Calls.Add($"send:{campaignId}"); return Task.CompletedTask; }
    public Task ScheduleAsync(long campaignId, DateTimeOffset at, CancellationToken ct = default) { Calls.Add($"schedule:{campaignId}"); return Task.CompletedTask; }
    public Task UnscheduleAsync(long campaignId, CancellationToken ct = default) { Calls.Add($"unschedule:{campaignId}"); return Task.CompletedTask; }
    public Task PauseAsync(long campaignId, CancellationToken ct = default) { Calls.Add($"pause:{campaignId}"); return Task.CompletedTask; }
    public Task ResumeAsync(long campaignId, CancellationToken ct = default) { Calls.Add($"resume:{campaignId}"); return Task.CompletedTask; }
    public Task CancelAsync(long campaignId, CancellationToken ct = default) { Calls.Add($"cancel:{campaignId}"); return Task.CompletedTask; }
    public Task<int> CountRecipientsAsync(long campaignId, CancellationToken ct = default) => Task.FromResult(Recipients);
}
