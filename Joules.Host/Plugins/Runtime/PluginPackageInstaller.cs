using Joules.Core.Plugins;
using Joules.Core.Plugins.Packaging;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Verifies an uploaded package completely in memory and only then writes it into <c>plugins-bin/</c>:
/// extracted into a staging folder and moved into place in one rename (an older version is moved aside first, see
/// <see cref="PluginInstaller"/>).</summary>
internal sealed class PluginPackageInstaller(PluginSettings settings, PluginTrust trust)
{
    /// <summary>Installs the package; returns its id, version and the version it replaced (null if new).</summary>
    /// <exception cref="PluginPackageException">The package is refused; nothing was written.</exception>
    public Task<(string Id, string Version, string? PreviousVersion)> InstallAsync(Stream package, CancellationToken ct)
    {
        var verified = trust.PackageVerifier().Verify(package);
        var id = verified.Manifest.Id;
        var target = Path.Combine(settings.Folder, id);
        string? previous = null;
        var previousJson = Path.Combine(target, PackageLayout.PluginJson);
        if (File.Exists(previousJson))
        {
            try
            {
                previous = PluginManifest.Parse(File.ReadAllText(previousJson)).Version;
            }
            catch (PluginPackageException)
            {
                previous = "?";
            }
        }

        PluginInstaller.InstallAtomically(verified, settings.Folder);
        PluginInstaller.TryDeleteTrash(settings.Folder);
        return Task.FromResult((id, verified.Manifest.Version, previous));
    }
}

/// <summary>The vendor keys plugin packages must be signed with: those configured in appsettings.json and, in
/// development, the build's development key.</summary>
internal sealed class PluginTrust(PluginSettings settings)
{
    public IReadOnlyList<System.Security.Cryptography.ECDsa> PackageKeys()
    {
        var keys = settings.TrustedPackageKeys.Select(Core.Plugins.Security.VendorSignature.ImportPublicKey).ToList();
        if (settings.Development && DevelopmentKeys.PackagePublicKey(settings.DevelopmentKeyFolder) is { } dev) keys.Add(dev);
        return keys;
    }

    public PluginPackageVerifier PackageVerifier() => new(PackageKeys());
}
