using Joules.Core.Plugins.Licensing;

namespace Joules.Core.Plugins;

/// <summary>Who the plugin is and what it may do right now; injectable in the plugin's services and components.</summary>
public interface IPluginContext
{
    /// <summary>The plugin's manifest.</summary>
    PluginManifest Manifest { get; }

    /// <summary>The licence status now (it changes while the host runs, e.g. when a licence expires or is uploaded).</summary>
    PluginLicenceStatus Licence { get; }

    /// <summary>True while the plugin may change data: licensed or in the grace period. When false, pages should show
    /// data read-only; the plugin's database context refuses to save.</summary>
    bool AllowsChanges => Licence.AllowsChanges;

    /// <summary>The plugin's installed folder (read-only for the plugin).</summary>
    string Folder { get; }
}
