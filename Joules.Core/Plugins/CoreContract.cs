using Joules.Core.Domain.Common;

namespace Joules.Core.Plugins;

/// <summary>The version of the contract between Core and its plugins. A plugin records the contract it was built
/// against in <see cref="PluginManifest.CoreContract"/>; it runs on a host with the same major version and an
/// equal or newer minor version.</summary>
public static class CoreContract
{
    /// <summary>Major version: raised on breaking changes to the plugin surface.</summary>
    public const int Major = 1;

    /// <summary>Minor version: raised when the plugin surface grows compatibly.</summary>
    public const int Minor = 0;

    /// <summary>The contract offered by this host as "major.minor".</summary>
    public static string Current => $"{Major}.{Minor}";

    /// <summary>True if a plugin built against <paramref name="major"/>.<paramref name="minor"/> runs on this host.</summary>
    public static bool IsCompatible(int major, int minor) => major == Major && minor <= Minor;

    /// <summary>Throws <see cref="PluginPackageException"/> if <paramref name="manifest"/> needs a contract this host does not offer.</summary>
    public static void EnsureCompatible(PluginManifest manifest)
    {
        if (!IsCompatible(manifest.CoreContractMajor, manifest.CoreContractMinor))
            throw new PluginPackageException(
                CoreText.Format("Plugin.CoreContract.Incompatible", manifest.Id, manifest.CoreContract, Current), "coreContract");
    }
}
