using System.IO.Compression;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Packaging;

namespace Joules.Host.Features.PluginAdmin;

/// <summary>Reads the <c>plugin.json</c> of an uploaded package before it is installed, only to ask the administrator
/// whether an installed version should be replaced. Nothing here is trusted: the installation verifies the package in
/// full and gives the refusal message.</summary>
public static class PackagePeek
{
    private const long MaxManifestBytes = 64 * 1024;

    /// <summary>The manifest of <paramref name="package"/>, or null if it cannot be read. The stream is left at position 0.</summary>
    public static PluginManifest? TryReadManifest(Stream package)
    {
        try
        {
            package.Position = 0;
            using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
            var entry = zip.GetEntry(PackageLayout.PluginJson);
            if (entry is null || entry.Length > MaxManifestBytes) return null;
            using var reader = new StreamReader(entry.Open());
            return PluginManifest.Parse(reader.ReadToEnd());
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or PluginPackageException or NotSupportedException)
        {
            return null;
        }
        finally
        {
            package.Position = 0;
        }
    }
}
