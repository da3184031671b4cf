using Joules.Core.Plugins;

namespace Joules.Plugins.Newsletter.Campaigns;

/// <summary>Registers the campaigns part of the newsletter plugin.</summary>
public static class CampaignsSetup
{
    public static IPluginBuilder AddCampaigns(this IPluginBuilder plugin)
    {
        return plugin;
    }
}
