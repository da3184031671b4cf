using Joules.Core.Plugins;
using Joules.Core.Plugins.Packaging;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Checks an installed plugin folder before any of its code is loaded and returns its manifest.</summary>
internal interface IPluginFolderCheck
{
    /// <exception cref="PluginPackageException">The folder is refused; the message says why.</exception>
    PluginManifest Verify(string folder);
}

/// <summary>Reads <c>plugin.json</c> and checks the Core contract (until the signed folder check is wired in).</summary>
internal sealed class ManifestFolderCheck : IPluginFolderCheck
{
    public PluginManifest Verify(string folder)
    {
        var path = Path.Combine(folder, PackageLayout.PluginJson);
        if (!File.Exists(path)) throw new PluginPackageException($"{PackageLayout.PluginJson} fehlt in {folder}.");
        var manifest = PluginManifest.Parse(File.ReadAllText(path));
        CoreContract.EnsureCompatible(manifest);
        return manifest;
    }
}
