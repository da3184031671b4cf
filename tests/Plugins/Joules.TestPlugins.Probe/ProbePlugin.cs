using Joules.Core.Plugins;

namespace Joules.TestPlugins.Probe;

/// <summary>The smallest plugin: contributes nothing but its routable page <see cref="Probe"/>.</summary>
public sealed class ProbePlugin : IJoulesPlugin
{
    public void Configure(IPluginBuilder plugin)
    {
    }
}
