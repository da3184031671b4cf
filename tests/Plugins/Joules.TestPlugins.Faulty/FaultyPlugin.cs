using Joules.Core.Plugins;

namespace Joules.TestPlugins.Faulty;

/// <summary>Throws while configuring: the host must mark it faulted and keep running.</summary>
public sealed class FaultyPlugin : IJoulesPlugin
{
    public void Configure(IPluginBuilder plugin) =>
        throw new InvalidOperationException("Absichtlicher Fehler beim Konfigurieren");
}
