using Joules.Core.Data.Providers;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Joules.Plugins.Newsletter.Tests.Tracking;

/// <summary>A test database with the tracking services wired like the plugin does, and a sent campaign with links.</summary>
public sealed class TrackingKit : IAsyncDisposable
{
    public static readonly Guid Brand = Guid.Parse("6f1c2d9e-0b7a-4c55-9d1e-2a3b4c5d6e7f");

    private TrackingKit(NewsletterTestDatabase database, TokenSigner signer)
    {
        Database = database;
        Signer = signer;
        var scopes = database.Services.GetRequiredService<IServiceScopeFactory>();
        Store = new TrackingStore(scopes);
        Campaigns = new CampaignDirectory(scopes, TimeProvider.System);
        Writer = new TrackingWriter(Store, Campaigns, scopes, TimeProvider.System, NullLogger<TrackingWriter>.Instance);
        Endpoints = new TrackingEndpoints(signer, Campaigns, Writer, TimeProvider.System);
    }

    public NewsletterTestDatabase Database { get; }
    public TokenSigner Signer { get; }
    public TrackingStore Store { get; }
    public CampaignDirectory Campaigns { get; }
    public TrackingWriter Writer { get; }
    public TrackingEndpoints Endpoints { get; }

    /// <summary>A kit on <paramref name="options"/> (null: a new SQLite file).</summary>
    public static async Task<TrackingKit> CreateAsync(DatabaseOptions? options = null)
    {
        var database = await NewsletterTestDatabase.CreateAsync(options);
        return new TrackingKit(database, await database.SignerAsync());
    }

    /// <summary>A sent campaign with the given links of variant A (and optionally B); returns its id.</summary>
    public async Task<long> AddCampaignAsync(string[] linksA, string[]? linksB = null, DateTimeOffset? finishedAt = null)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var campaign = new Campaign
        {
            BrandId = Brand, Name = "Herbst", Subject = "Herbstangebote", HtmlBody = "<p>x</p>", Status = CampaignStatus.Sent,
            StartedAt = DateTimeOffset.UtcNow.AddDays(-2), FinishedAt = finishedAt ?? DateTimeOffset.UtcNow.AddDays(-2).AddMinutes(5),
            AbTest = linksB is null ? AbTestKind.None : AbTestKind.Content,
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        for (var i = 0; i < linksA.Length; i++) db.CampaignLinks.Add(new CampaignLink { CampaignId = campaign.Id, Variant = 0, Index = i, Url = linksA[i] });
        for (var i = 0; i < (linksB?.Length ?? 0); i++) db.CampaignLinks.Add(new CampaignLink { CampaignId = campaign.Id, Variant = 1, Index = i, Url = linksB![i] });
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        await Store.DisposeAsync();
        await Database.DisposeAsync();
    }
}
