using System.Security.Cryptography;
using System.Text;
using Joules.Core.Domain.Common;
using Joules.Core.Plugins.Security;

namespace Joules.Core.Plugins.Packaging;

/// <summary>Checks an installed plugin folder (<c>plugins-bin/&lt;id&gt;/</c>, see <see cref="PackageLayout"/>) before the
/// host loads it: the vendor signature over <c>.joules/manifest.json</c>, that every listed file is present with the
/// listed size and SHA-256, that the folder holds no other files (apart from <c>.joules/</c>), the package limits,
/// <c>plugin.json</c> and the Core contract. No assembly is loaded.</summary>
/// <remarks>Listed path <c>plugin.json</c> is the folder's <c>plugin.json</c>; <c>files/x/y</c> is the folder's <c>x/y</c>.</remarks>
public sealed class PluginFolderVerifier
{
    private readonly IReadOnlyDictionary<string, ECDsa> _trustedKeys;
    private readonly PackageLimits _limits;

    /// <summary>A verifier trusting the given public keys, indexed by <see cref="VendorSignature.KeyId"/>.</summary>
    public PluginFolderVerifier(IReadOnlyDictionary<string, ECDsa> trustedKeys, PackageLimits? limits = null)
    {
        _trustedKeys = trustedKeys;
        _limits = limits ?? PackageLimits.Default;
    }

    /// <summary>A verifier trusting the given public keys (their key ids are computed).</summary>
    public PluginFolderVerifier(IEnumerable<ECDsa> trustedKeys, PackageLimits? limits = null)
        : this(trustedKeys.ToDictionary(VendorSignature.KeyId, k => k), limits)
    {
    }

    /// <summary>Verifies the plugin folder <paramref name="folder"/>.</summary>
    /// <exception cref="PluginPackageException">The folder is refused; the message says why and names the file.</exception>
    public VerifiedFolder Verify(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
            throw new PluginPackageException(CoreText.Format("Plugin.Package.FolderMissing", folder));
        var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var controlPrefix = prefix + PackageLayout.ControlFolder + Path.DirectorySeparatorChar;

        var fileListBytes = ReadControlFile(root, PackageLayout.FileList);
        var signatureBytes = ReadControlFile(root, PackageLayout.Signature);
        var keyId = PluginPackageVerifier.VerifySignature(signatureBytes, fileListBytes, _trustedKeys, "Plugin.Folder.SignatureInvalid");

        // The signed list: names, limits, and where each listed file lies in the folder.
        var listed = PackageLayout.ReadFileList(fileListBytes);
        var expected = new Dictionary<string, PackageFile>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long total = 0;
        var pluginFiles = 0;
        foreach (var file in listed)
        {
            if (file.Path.Length > _limits.MaxPathLength)
                throw new PluginPackageException(CoreText.Format("Plugin.Package.PathTooLong", file.Path, _limits.MaxPathLength));
            if (!PackageLayout.IsSafeRelativePath(file.Path)
                || !(file.Path == PackageLayout.PluginJson || PackageLayout.IsAllowedPluginFile(file.Path)))
                throw new PluginPackageException(CoreText.Format("Plugin.Folder.PathInvalid", file.Path));
            if (!seen.Add(file.Path))
                throw new PluginPackageException(CoreText.Format("Plugin.Package.DuplicatePath", file.Path));
            if (file.Path != PackageLayout.PluginJson && ++pluginFiles > _limits.MaxFiles)
                throw new PluginPackageException(CoreText.Format("Plugin.Package.TooManyFiles", _limits.MaxFiles));
            if (file.Size > _limits.MaxFileBytes)
                throw new PluginPackageException(CoreText.Format("Plugin.Package.FileTooLarge", file.Path, _limits.MaxFileBytes));
            total += file.Size;
            if (total > _limits.MaxPackageBytes)
                throw new PluginPackageException(CoreText.Format("Plugin.Package.UnpackedTooLarge", _limits.MaxPackageBytes));

            var relative = file.Path == PackageLayout.PluginJson ? file.Path : file.Path[PackageLayout.FilesPrefix.Length..];
            var full = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
            if (!full.StartsWith(prefix, StringComparison.Ordinal) || full.StartsWith(controlPrefix, StringComparison.OrdinalIgnoreCase))
                throw new PluginPackageException(CoreText.Format("Plugin.Folder.PathInvalid", file.Path));
            expected.Add(full, file);
        }
        if (!expected.Values.Any(f => f.Path == PackageLayout.PluginJson))
            throw new PluginPackageException(CoreText.Get("Plugin.Package.FileListInvalid"));

        // Nothing in the folder besides the listed files and the control folder; no links that could point elsewhere.
        var everything = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", everything))
        {
            var full = entry.FullName;
            if (full.StartsWith(controlPrefix, StringComparison.Ordinal)
                || string.Equals(full, prefix + PackageLayout.ControlFolder, StringComparison.Ordinal))
            {
                if (entry.LinkTarget is not null)
                    throw new PluginPackageException(CoreText.Format("Plugin.Folder.UnexpectedFile", Path.GetRelativePath(root, full)));
                continue;
            }
            if (entry.LinkTarget is not null || (entry is FileInfo && !expected.ContainsKey(full)))
                throw new PluginPackageException(CoreText.Format("Plugin.Folder.UnexpectedFile", Path.GetRelativePath(root, full).Replace('\\', '/')));
        }

        // Every listed file present, with the listed size and checksum.
        byte[]? pluginJsonBytes = null;
        foreach (var (full, file) in expected)
        {
            var info = new FileInfo(full);
            if (!info.Exists)
                throw new PluginPackageException(CoreText.Format("Plugin.Folder.FileMissing", file.Path));
            if (info.Length != file.Size)
                throw new PluginPackageException(CoreText.Format("Plugin.Package.FileSizeChanged", file.Path));
            string hash;
            try
            {
                if (file.Path == PackageLayout.PluginJson)
                {
                    pluginJsonBytes = File.ReadAllBytes(full);
                    hash = Convert.ToHexStringLower(SHA256.HashData(pluginJsonBytes));
                }
                else
                {
                    using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
                    hash = Convert.ToHexStringLower(SHA256.HashData(stream));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PluginPackageException(CoreText.Format("Plugin.Folder.FileUnreadable", file.Path));
            }
            if (!string.Equals(hash, file.Sha256, StringComparison.Ordinal))
                throw new PluginPackageException(CoreText.Format("Plugin.Package.FileChanged", file.Path));
        }

        string pluginJson;
        try
        {
            pluginJson = new UTF8Encoding(false, true).GetString(pluginJsonBytes!);
        }
        catch (DecoderFallbackException)
        {
            throw new PluginPackageException(CoreText.Get("Plugin.Manifest.NotJson"));
        }
        var manifest = PluginManifest.Parse(pluginJson);
        if (!expected.Values.Any(f => f.Path == PackageLayout.FilesPrefix + manifest.EntryAssembly))
            throw new PluginPackageException(CoreText.Format("Plugin.Folder.EntryAssemblyMissing", manifest.EntryAssembly), "entryAssembly");
        CoreContract.EnsureCompatible(manifest);
        return new VerifiedFolder(manifest, keyId, root);
    }

    private byte[] ReadControlFile(string root, string name)
    {
        var path = Path.Combine(root, PackageLayout.ControlFolder, name);
        var display = PackageLayout.ControlFolder + "/" + name;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.LinkTarget is not null)
                throw new PluginPackageException(CoreText.Format("Plugin.Folder.FileMissing", display));
            if (info.Length > _limits.MaxFileBytes)
                throw new PluginPackageException(CoreText.Format("Plugin.Package.FileTooLarge", display, _limits.MaxFileBytes));
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginPackageException(CoreText.Format("Plugin.Folder.FileUnreadable", display));
        }
    }
}

/// <summary>A plugin folder that passed <see cref="PluginFolderVerifier.Verify"/>.</summary>
/// <param name="Manifest">The folder's <c>plugin.json</c>.</param>
/// <param name="KeyId">Id of the trusted vendor key that signed the folder's file list.</param>
/// <param name="Folder">Full path of the verified folder.</param>
public sealed record VerifiedFolder(PluginManifest Manifest, string KeyId, string Folder);
