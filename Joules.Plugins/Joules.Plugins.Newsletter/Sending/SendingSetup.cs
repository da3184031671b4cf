using Joules.Core.Plugins;

namespace Joules.Plugins.Newsletter.Sending;

/// <summary>Registers the sending part of the newsletter plugin.</summary>
public static class SendingSetup
{
    public static IPluginBuilder AddSending(this IPluginBuilder plugin)
    {
        return plugin;
    }
}
