using Joules.Core.Plugins;

namespace Joules.Plugins.Newsletter.Analytics;

/// <summary>Registers the analytics part of the newsletter plugin.</summary>
public static class AnalyticsSetup
{
    public static IPluginBuilder AddAnalytics(this IPluginBuilder plugin)
    {
        return plugin;
    }
}
