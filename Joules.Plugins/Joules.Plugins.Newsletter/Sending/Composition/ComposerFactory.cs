using Joules.Core.Messaging.Templates;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Sending.Composition;

/// <summary>Prepares a <see cref="CampaignComposer"/> for a campaign: the brand, its newsletter settings (imprint,
/// unsubscribe mailbox), the public base address, and whether a list relies on § 7 (3) UWG.</summary>
public sealed class ComposerFactory(IServiceScopeFactory scopes, IBrandDirectory brands, PublicBaseUrl baseUrls, TokenSigner signer,
    TemplateRenderer renderer)
{
    /// <exception cref="TemplateRenderException">A Liquid error in a part of a variant.</exception>
    public async Task<CampaignComposer> CreateAsync(Campaign campaign, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<NewsletterDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var settings = await db.Settings.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(s => s.BrandId == campaign.BrandId, ct);
        var listIds = campaign.Lists.Select(l => l.ListId).ToList();
        if (listIds.Count == 0 && campaign.Id > 0)
            listIds = await db.CampaignLists.AsNoTracking().Where(l => l.CampaignId == campaign.Id).Select(l => l.ListId).ToListAsync(ct);
        var objection = await db.Lists.AsNoTracking().IgnoreQueryFilters()
            .AnyAsync(l => listIds.Contains(l.Id) && l.LegalBasis == ListLegalBasis.ExistingCustomer, ct);
        var brand = await brands.GetAsync(campaign.BrandId, ct);
        var baseUrl = await baseUrls.ForBrandAsync(campaign.BrandId, ct);
        var composition = new CompositionSettings(brand, baseUrl, settings?.FooterImprint ?? "", settings?.UnsubscribeMailbox, objection);
        return await CampaignComposer.CreateAsync(campaign, composition, signer, renderer, ct);
    }
}
