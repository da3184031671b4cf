using Joules.Core.Plugins;

namespace Joules.Plugins.Newsletter.Demo;

/// <summary>Registers the demo part of the newsletter plugin.</summary>
public static class DemoSetup
{
    public static IPluginBuilder AddDemo(this IPluginBuilder plugin)
    {
        return plugin;
    }
}
