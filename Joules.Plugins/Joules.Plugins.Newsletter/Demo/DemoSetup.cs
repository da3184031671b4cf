using Joules.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Demo;

/// <summary>Registers the demo part of the newsletter plugin: the job that loads the demo newsletter data of
/// "Stadtwerke Sonnental" once (on activation; daily it only checks).</summary>
public static class DemoSetup
{
    public static IPluginBuilder AddDemo(this IPluginBuilder plugin)
    {
        plugin.Services.AddScoped<NewsletterDemoSeeder>();
        plugin.AddJob<NewsletterDemoJob>("demo-data", "0 40 4 * * ?", new("Newsletter-Demodaten", "Newsletter demo data"), runOnActivation: true);
        return plugin;
    }
}
