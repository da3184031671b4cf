using Joules.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Tracking;

/// <summary>Registers the tracking part of the newsletter plugin: the store, the batching writer, the campaign cache and
/// the open/click endpoints.</summary>
public static class TrackingSetup
{
    public static IPluginBuilder AddTracking(this IPluginBuilder plugin)
    {
        plugin.Services.AddSingleton<TrackingStore>();
        plugin.Services.AddSingleton<CampaignDirectory>();
        plugin.Services.AddSingleton<TrackingWriter>();
        plugin.Services.AddSingleton<TrackingEndpoints>();
        plugin.MapEndpoints(e => e.ServiceProvider.GetRequiredService<TrackingEndpoints>().Map(e));
        return plugin;
    }
}
