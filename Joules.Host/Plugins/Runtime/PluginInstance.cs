using System.Reflection;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Licensing;

namespace Joules.Host.Plugins.Runtime;

/// <summary>One activation of one plugin: its verified folder, load context, container and contributions.
/// A new version or a re-activation creates a new instance; the old one stays in memory until the next restart.</summary>
internal sealed class PluginInstance : IPluginContext
{
    private static int _generations;

    public PluginInstance(PluginManifest manifest, string folder)
    {
        Manifest = manifest;
        Folder = folder;
        Generation = Interlocked.Increment(ref _generations);
    }

    public PluginManifest Manifest { get; }
    public string Folder { get; }
    public int Generation { get; }

    /// <summary>Identifies the folder's content (its signed file list), so an unchanged folder is not activated twice.</summary>
    public string Fingerprint { get; init; } = "";
    public string Id => Manifest.Id;

    public McMaster.NETCore.Plugins.PluginLoader? Loader { get; set; }
    public Assembly? Assembly { get; set; }
    public IServiceProvider? Services { get; set; }
    public PluginContributions Contributions { get; set; } = PluginContributions.Empty;

    /// <summary>Set once loading, migrating or an event handler failed.</summary>
    public string? Fault { get; private set; }
    public bool Enabled { get; set; } = true;
    public bool RestartRecommended { get; set; }
    public DateTimeOffset? LoadedAt { get; set; }

    public PluginLicenceStatus Licence { get; set; } = new()
    {
        PluginId = "", State = LicenceState.Unlicensed, Reason = "",
    };

    /// <summary>True if the plugin's code is loaded, its container built and its database migrated.</summary>
    public bool IsLoaded => Services is not null && Fault is null && LoadedAt is not null;

    /// <summary>Pages are routable and show data (possibly read-only).</summary>
    public bool ShowsPages => IsLoaded && Enabled && Licence.ShowsData;

    /// <summary>Jobs, endpoints and event handlers run.</summary>
    public bool IsRunning => IsLoaded && Enabled && Licence.AllowsChanges;

    public PluginState State =>
        Fault is not null ? PluginState.Faulted
        : !Enabled ? PluginState.Disabled
        : Licence.State switch
        {
            LicenceState.Unlicensed => PluginState.Unlicensed,
            LicenceState.ReadOnly => PluginState.ReadOnly,
            _ => PluginState.Active,
        };

    public void MarkFaulted(string reason) => Fault ??= reason;
    public void ClearFault() => Fault = null;
}
