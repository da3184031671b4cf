using Joules.Core.Plugins;

namespace Joules.Plugins.Newsletter.Tracking;

/// <summary>Registers the tracking part of the newsletter plugin.</summary>
public static class TrackingSetup
{
    public static IPluginBuilder AddTracking(this IPluginBuilder plugin)
    {
        return plugin;
    }
}
