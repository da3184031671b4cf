using System.Text.Json;
using Joules.Core.Domain.Common;

namespace Joules.Core.Plugins.Packaging;

/// <summary>Layout of a <c>.joules</c> plugin package (a zip file):
/// <list type="bullet">
/// <item><c>plugin.json</c> — the <see cref="PluginManifest"/>;</item>
/// <item><c>files/…</c> — the published plugin files (relative paths, forward slashes);</item>
/// <item><c>manifest.json</c> — a JSON array listing every file above as <c>{"path", "size", "sha256"}</c> (lower-case hex);</item>
/// <item><c>signature.json</c> — <c>{"keyId", "algorithm", "signature"}</c>, a vendor signature over the exact bytes of <c>manifest.json</c>.</item>
/// </list>
/// An installed plugin folder (<c>plugins-bin/&lt;id&gt;/</c>) holds <c>plugin.json</c>, the contents of <c>files/</c> at
/// its root and a control folder <c>.joules/</c> with <c>manifest.json</c> and <c>signature.json</c> byte for byte as in
/// the package, so the folder can be verified again later (see <see cref="PluginFolderVerifier"/>).</summary>
public static class PackageLayout
{
    /// <summary>File extension of plugin packages.</summary>
    public const string Extension = ".joules";

    /// <summary>Name of the plugin manifest entry.</summary>
    public const string PluginJson = "plugin.json";

    /// <summary>Name of the file list entry.</summary>
    public const string FileList = "manifest.json";

    /// <summary>Name of the signature entry.</summary>
    public const string Signature = "signature.json";

    /// <summary>Folder prefix of the plugin's own files.</summary>
    public const string FilesPrefix = "files/";

    /// <summary>Control folder of an installed plugin folder, holding <see cref="FileList"/> and <see cref="Signature"/>.
    /// A package may not contain files under <c>files/.joules/</c>.</summary>
    public const string ControlFolder = ".joules";

    /// <summary>Fixed time stamp written on every entry so the same input gives the same bytes.</summary>
    internal static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>True if <paramref name="path"/> is a relative zip entry name without "..", ".", empty, rooted, drive or backslash parts.</summary>
    internal static bool IsSafeRelativePath(string path)
    {
        if (path.Length == 0 || path[0] == '/' || path.Contains('\\') || path.Contains(':')) return false;
        if (Path.IsPathRooted(path)) return false;
        foreach (var c in path)
            if (char.IsControl(c) || c is '<' or '>' or '"' or '|' or '?' or '*') return false;
        foreach (var segment in path.Split('/'))
            if (segment.Length == 0 || segment == "." || segment == ".." || segment.EndsWith('.') || segment.EndsWith(' ')) return false;
        return true;
    }

    /// <summary>True for the names a package may contain: the three control files and anything under <c>files/</c>
    /// except <c>files/plugin.json</c> and <c>files/.joules/…</c>, which would collide with the manifest and the
    /// control folder on extraction.</summary>
    internal static bool IsAllowedName(string path) =>
        path is PluginJson or FileList or Signature || IsAllowedPluginFile(path);

    /// <summary>True for a name under <c>files/</c> that may be extracted (see <see cref="IsAllowedName"/>).</summary>
    internal static bool IsAllowedPluginFile(string path) =>
        path.StartsWith(FilesPrefix, StringComparison.Ordinal) && path.Length > FilesPrefix.Length
        && !string.Equals(path, FilesPrefix + PluginJson, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(path.Split('/')[1], ControlFolder, StringComparison.OrdinalIgnoreCase);

    internal static byte[] WriteFileList(IEnumerable<PackageFile> files)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var file in files)
            {
                writer.WriteStartObject();
                writer.WriteString("path", file.Path);
                writer.WriteNumber("size", file.Size);
                writer.WriteString("sha256", file.Sha256);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return buffer.ToArray();
    }

    internal static List<PackageFile> ReadFileList(byte[] json)
    {
        var invalid = () => new PluginPackageException(CoreText.Get("Plugin.Package.FileListInvalid"));
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array) throw invalid();
            var files = new List<PackageFile>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("path", out var path) || path.ValueKind != JsonValueKind.String
                    || !item.TryGetProperty("size", out var size) || !size.TryGetInt64(out var length) || length < 0
                    || !item.TryGetProperty("sha256", out var hash) || hash.ValueKind != JsonValueKind.String)
                    throw invalid();
                files.Add(new PackageFile(path.GetString()!, length, hash.GetString()!));
            }
            return files;
        }
        catch (JsonException)
        {
            throw invalid();
        }
    }

    internal static byte[] WriteSignature(string keyId, string signature)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("keyId", keyId);
            writer.WriteString("algorithm", Security.VendorSignature.Algorithm);
            writer.WriteString("signature", signature);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    internal static (string KeyId, string Algorithm, string Signature) ReadSignature(byte[] json)
    {
        var invalid = () => new PluginPackageException(CoreText.Get("Plugin.Package.SignatureFileInvalid"));
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw invalid();
            string Text(string name) =>
                root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s ? s : throw invalid();
            return (Text("keyId"), Text("algorithm"), Text("signature"));
        }
        catch (JsonException)
        {
            throw invalid();
        }
    }
}

/// <summary>One file listed in a package's <c>manifest.json</c>.</summary>
/// <param name="Path">Entry name in the package, e.g. "files/Joules.Plugins.Newsletter.dll" or "plugin.json".</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">SHA-256 of the content, lower-case hex.</param>
public sealed record PackageFile(string Path, long Size, string Sha256);
