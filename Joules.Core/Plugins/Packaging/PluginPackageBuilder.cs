using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Joules.Core.Domain.Common;
using Joules.Core.Plugins.Security;

namespace Joules.Core.Plugins.Packaging;

/// <summary>Builds signed <c>.joules</c> plugin packages (see <see cref="PackageLayout"/>) from a folder of
/// published plugin files. The same input and key give the same entries in the same order.</summary>
public static class PluginPackageBuilder
{
    /// <summary>Packs <paramref name="publishedFolder"/> with the <c>plugin.json</c> at <paramref name="pluginJsonPath"/>
    /// (written byte for byte). A <c>plugin.json</c> at the root of the published folder is not packed twice.</summary>
    /// <exception cref="PluginPackageException">The manifest is invalid, the entry assembly is missing or a file name is not allowed.</exception>
    public static void Build(string publishedFolder, string pluginJsonPath, ECDsa signingKey, Stream output)
    {
        if (!File.Exists(pluginJsonPath))
            throw new PluginPackageException(CoreText.Format("Plugin.Package.EntryMissing", pluginJsonPath));
        var bytes = File.ReadAllBytes(pluginJsonPath);
        var manifest = PluginManifest.Parse(Encoding.UTF8.GetString(bytes));
        Build(publishedFolder, manifest, bytes, signingKey, output);
    }

    /// <summary>Packs <paramref name="publishedFolder"/> with <paramref name="manifest"/> written as <c>plugin.json</c>.</summary>
    /// <exception cref="PluginPackageException">The manifest is invalid, the entry assembly is missing or a file name is not allowed.</exception>
    public static void Build(string publishedFolder, PluginManifest manifest, ECDsa signingKey, Stream output)
    {
        var json = manifest.ToJson();
        PluginManifest.Parse(json);
        Build(publishedFolder, manifest, Encoding.UTF8.GetBytes(json), signingKey, output);
    }

    private static void Build(string publishedFolder, PluginManifest manifest, byte[] pluginJson, ECDsa signingKey, Stream output)
    {
        if (!Directory.Exists(publishedFolder))
            throw new PluginPackageException(CoreText.Format("Plugin.Package.FolderMissing", publishedFolder));
        var root = Path.GetFullPath(publishedFolder);

        var sources = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(full => (Full: full, Name: PackageLayout.FilesPrefix + Path.GetRelativePath(root, full).Replace('\\', '/')))
            .Where(f => f.Name != PackageLayout.FilesPrefix + PackageLayout.PluginJson)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var (_, name) in sources)
            if (!PackageLayout.IsSafeRelativePath(name) || !PackageLayout.IsAllowedName(name))
                throw new PluginPackageException(CoreText.Format("Plugin.Package.PathInvalid", name));
        if (!sources.Any(f => f.Name == PackageLayout.FilesPrefix + manifest.EntryAssembly))
            throw new PluginPackageException(CoreText.Format("Plugin.Package.EntryAssemblyMissing", manifest.EntryAssembly), "entryAssembly");

        var listed = new List<PackageFile> { Describe(PackageLayout.PluginJson, pluginJson) };
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Add(archive, PackageLayout.PluginJson, pluginJson);
        foreach (var (full, name) in sources)
        {
            var content = File.ReadAllBytes(full);
            listed.Add(Describe(name, content));
            Add(archive, name, content);
        }
        var fileList = PackageLayout.WriteFileList(listed);
        Add(archive, PackageLayout.FileList, fileList);
        Add(archive, PackageLayout.Signature,
            PackageLayout.WriteSignature(VendorSignature.KeyId(signingKey), VendorSignature.Sign(fileList, signingKey)));
    }

    private static PackageFile Describe(string name, byte[] content) =>
        new(name, content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content)));

    private static void Add(ZipArchive archive, string name, byte[] content)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = PackageLayout.EntryTime;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
