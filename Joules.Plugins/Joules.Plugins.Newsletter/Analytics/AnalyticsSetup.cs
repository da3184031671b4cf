using Joules.Core.Plugins;

namespace Joules.Plugins.Newsletter.Analytics;

/// <summary>Registers the analytics part of the newsletter plugin. Its pages (report, heatmap, analytics) are routable
/// components and read the roll-ups with the plugin's context factory; nothing else to register.</summary>
public static class AnalyticsSetup
{
    public static IPluginBuilder AddAnalytics(this IPluginBuilder plugin)
    {
        return plugin;
    }
}
