using Joules.Core.Plugins;
using Joules.Core.Plugins.Packaging;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Checks an installed plugin folder before any of its code is loaded and returns its manifest.</summary>
internal interface IPluginFolderCheck
{
    /// <exception cref="PluginPackageException">The folder is refused; the message says why.</exception>
    PluginManifest Verify(string folder);
}

/// <summary>The signed folder check: vendor signature over the file list, size and SHA-256 of every file, no extra
/// files, limits and the Core contract (see <see cref="PluginFolderVerifier"/>).</summary>
internal sealed class SignedFolderCheck(PluginTrust trust) : IPluginFolderCheck
{
    public PluginManifest Verify(string folder) => new PluginFolderVerifier(trust.PackageKeys()).Verify(folder).Manifest;
}
