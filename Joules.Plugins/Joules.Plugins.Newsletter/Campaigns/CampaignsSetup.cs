using Joules.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Campaigns;

/// <summary>Registers the campaigns part of the newsletter plugin: the message list, the editor (pages are found by their
/// routes), the campaign service and the per-brand settings (also the plugin's settings page).</summary>
public static class CampaignsSetup
{
    public static IPluginBuilder AddCampaigns(this IPluginBuilder plugin)
    {
        plugin.Services.AddScoped<CampaignService>();
        plugin.Services.AddScoped<NewsletterSettingsService>();
        plugin.AddSettingsPage<NewsletterSettingsForm>();
        return plugin;
    }
}
