using Joules.Core.Plugins;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>Registers the audiences part of the newsletter plugin.</summary>
public static class AudiencesSetup
{
    public static IPluginBuilder AddAudiences(this IPluginBuilder plugin)
    {
        return plugin;
    }
}
