using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Joules.Core.Domain.Common;
using Joules.Core.Plugins.Security;

namespace Joules.Core.Plugins.Packaging;

/// <summary>Checks a <c>.joules</c> plugin package completely in memory — structure, limits, vendor signature,
/// checksums, <c>plugin.json</c> and Core contract — before anything is written to disk and without loading
/// any assembly. Only a <see cref="VerifiedPackage"/> can be extracted.</summary>
public sealed class PluginPackageVerifier
{
    private readonly IReadOnlyDictionary<string, ECDsa> _trustedKeys;
    private readonly PackageLimits _limits;

    /// <summary>A verifier trusting the given public keys, indexed by <see cref="VendorSignature.KeyId"/>.</summary>
    public PluginPackageVerifier(IReadOnlyDictionary<string, ECDsa> trustedKeys, PackageLimits? limits = null)
    {
        _trustedKeys = trustedKeys;
        _limits = limits ?? PackageLimits.Default;
    }

    /// <summary>A verifier trusting the given public keys (their key ids are computed).</summary>
    public PluginPackageVerifier(IEnumerable<ECDsa> trustedKeys, PackageLimits? limits = null)
        : this(trustedKeys.ToDictionary(VendorSignature.KeyId, k => k), limits)
    {
    }

    /// <summary>Reads and checks the package in <paramref name="package"/> (the stream is read, not disposed).</summary>
    /// <exception cref="PluginPackageException">The package is refused; the message says why.</exception>
    public VerifiedPackage Verify(Stream package)
    {
        var entries = ReadEntries(package);

        var signatureBytes = Require(entries, PackageLayout.Signature);
        var fileListBytes = Require(entries, PackageLayout.FileList);
        var pluginJsonBytes = Require(entries, PackageLayout.PluginJson);

        var keyId = VerifySignature(signatureBytes, fileListBytes, _trustedKeys, "Plugin.Package.SignatureInvalid");

        var listed = PackageLayout.ReadFileList(fileListBytes);
        var listedByPath = new Dictionary<string, PackageFile>(StringComparer.Ordinal);
        foreach (var file in listed)
        {
            if (file.Path is PackageLayout.FileList or PackageLayout.Signature || !listedByPath.TryAdd(file.Path, file))
                throw new PluginPackageException(CoreText.Get("Plugin.Package.FileListInvalid"));
        }
        foreach (var name in entries.Keys)
        {
            if (name is PackageLayout.FileList or PackageLayout.Signature) continue;
            if (!listedByPath.ContainsKey(name))
                throw new PluginPackageException(CoreText.Format("Plugin.Package.NotInFileList", name));
        }
        foreach (var file in listed)
        {
            if (!entries.TryGetValue(file.Path, out var content))
                throw new PluginPackageException(CoreText.Format("Plugin.Package.MissingFromPackage", file.Path));
            if (content.LongLength != file.Size)
                throw new PluginPackageException(CoreText.Format("Plugin.Package.FileSizeChanged", file.Path));
            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), file.Sha256, StringComparison.Ordinal))
                throw new PluginPackageException(CoreText.Format("Plugin.Package.FileChanged", file.Path));
        }

        string pluginJson;
        try
        {
            pluginJson = new UTF8Encoding(false, true).GetString(pluginJsonBytes);
        }
        catch (DecoderFallbackException)
        {
            throw new PluginPackageException(CoreText.Get("Plugin.Manifest.NotJson"));
        }
        var manifest = PluginManifest.Parse(pluginJson);
        if (!entries.ContainsKey(PackageLayout.FilesPrefix + manifest.EntryAssembly))
            throw new PluginPackageException(CoreText.Format("Plugin.Package.EntryAssemblyMissing", manifest.EntryAssembly), "entryAssembly");
        CoreContract.EnsureCompatible(manifest);

        var files = entries
            .Where(e => e.Key.StartsWith(PackageLayout.FilesPrefix, StringComparison.Ordinal))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new KeyValuePair<string, byte[]>(e.Key[PackageLayout.FilesPrefix.Length..], e.Value))
            .ToList();
        return new VerifiedPackage(manifest, keyId, pluginJsonBytes, fileListBytes, signatureBytes, files);
    }

    /// <summary>Checks <paramref name="signatureJson"/> (a <c>signature.json</c>) over <paramref name="fileList"/> against the
    /// trusted keys and returns the signing key's id; throws with <paramref name="invalidKey"/>'s text if the signature is wrong.</summary>
    internal static string VerifySignature(byte[] signatureJson, byte[] fileList, IReadOnlyDictionary<string, ECDsa> trustedKeys, string invalidKey)
    {
        var (keyId, algorithm, signature) = PackageLayout.ReadSignature(signatureJson);
        if (algorithm != VendorSignature.Algorithm)
            throw new PluginPackageException(CoreText.Format("Plugin.Package.AlgorithmUnsupported", algorithm, VendorSignature.Algorithm));
        if (!trustedKeys.TryGetValue(keyId, out var publicKey))
            throw new PluginPackageException(CoreText.Format("Plugin.Package.KeyUntrusted", keyId));
        if (!VendorSignature.Verify(fileList, signature, publicKey))
            throw new PluginPackageException(CoreText.Get(invalidKey));
        return keyId;
    }

    /// <summary>Reads every entry into memory, checking names and counting bytes as they inflate.</summary>
    private Dictionary<string, byte[]> ReadEntries(Stream package)
    {
        if (package.CanSeek && package.Length - package.Position > _limits.MaxPackageBytes)
            throw new PluginPackageException(CoreText.Format("Plugin.Package.TooLarge", _limits.MaxPackageBytes));
        var source = package.CanSeek
            ? package
            : ReadBounded(package, _limits.MaxPackageBytes, () => new(CoreText.Format("Plugin.Package.TooLarge", _limits.MaxPackageBytes)));

        ZipArchive archive;
        try
        {
            archive = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or ArgumentException or IOException)
        {
            throw new PluginPackageException(CoreText.Get("Plugin.Package.Unreadable"));
        }

        using (archive)
        {
            var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var pluginFiles = 0;
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName;
                if (name.Length > _limits.MaxPathLength)
                    throw new PluginPackageException(CoreText.Format("Plugin.Package.PathTooLong", name, _limits.MaxPathLength));
                var isFolder = name.EndsWith('/') && name.StartsWith(PackageLayout.FilesPrefix, StringComparison.Ordinal);
                var checkedName = isFolder ? name.TrimEnd('/') : name;
                if (!PackageLayout.IsSafeRelativePath(checkedName) || (!isFolder && !PackageLayout.IsAllowedName(name)))
                    throw new PluginPackageException(CoreText.Format("Plugin.Package.PathInvalid", name));
                if (!seen.Add(checkedName))
                    throw new PluginPackageException(CoreText.Format("Plugin.Package.DuplicatePath", name));
                if (isFolder) continue;

                if (name.StartsWith(PackageLayout.FilesPrefix, StringComparison.Ordinal) && ++pluginFiles > _limits.MaxFiles)
                    throw new PluginPackageException(CoreText.Format("Plugin.Package.TooManyFiles", _limits.MaxFiles));
                var content = ReadCounted(entry, Math.Min(_limits.MaxFileBytes, _limits.MaxPackageBytes - total));
                total += content.LongLength;
                entries.Add(name, content);
            }
            return entries;
        }
    }

    /// <summary>Inflates <paramref name="entry"/>, refusing it as soon as more than <paramref name="budget"/> bytes
    /// come out — the sizes in the zip headers are not trusted.</summary>
    private byte[] ReadCounted(ZipArchiveEntry entry, long budget)
    {
        var name = entry.FullName;
        var fileLimit = budget >= _limits.MaxFileBytes;
        PluginPackageException TooLarge() => fileLimit
            ? new(CoreText.Format("Plugin.Package.FileTooLarge", name, _limits.MaxFileBytes))
            : new(CoreText.Format("Plugin.Package.UnpackedTooLarge", _limits.MaxPackageBytes));

        if (entry.Length > budget) throw TooLarge();
        try
        {
            using var stream = entry.Open();
            return ReadBounded(stream, budget, TooLarge).ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new PluginPackageException(CoreText.Format("Plugin.Package.EntryCorrupt", name));
        }
    }

    /// <summary>Copies <paramref name="source"/> into memory, throwing <paramref name="tooLarge"/>() as soon as more
    /// than <paramref name="budget"/> bytes have been read (without reading much past the budget).</summary>
    internal static MemoryStream ReadBounded(Stream source, long budget, Func<PluginPackageException> tooLarge)
    {
        var buffer = new byte[81920];
        var content = new MemoryStream();
        int read;
        while ((read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, budget - content.Length + 1))) > 0)
        {
            if (content.Length + read > budget) throw tooLarge();
            content.Write(buffer, 0, read);
        }
        content.Position = 0;
        return content;
    }

    private static byte[] Require(Dictionary<string, byte[]> entries, string name) =>
        entries.TryGetValue(name, out var content)
            ? content
            : throw new PluginPackageException(CoreText.Format("Plugin.Package.EntryMissing", name));
}
