using Joules.Core.Domain.Common;

namespace Joules.Core.Plugins.Packaging;

/// <summary>A plugin package that passed <see cref="PluginPackageVerifier.Verify"/>. It holds the verified
/// contents in memory, so what is extracted is exactly what was checked.</summary>
public sealed class VerifiedPackage
{
    private readonly byte[] _pluginJson;
    private readonly byte[] _fileList;
    private readonly byte[] _signature;
    private readonly IReadOnlyList<KeyValuePair<string, byte[]>> _files;

    internal VerifiedPackage(PluginManifest manifest, string keyId, byte[] pluginJson, byte[] fileList, byte[] signature,
        IReadOnlyList<KeyValuePair<string, byte[]>> files)
    {
        Manifest = manifest;
        KeyId = keyId;
        _pluginJson = pluginJson;
        _fileList = fileList;
        _signature = signature;
        _files = files;
    }

    /// <summary>The package's <c>plugin.json</c>.</summary>
    public PluginManifest Manifest { get; }

    /// <summary>Id of the trusted vendor key that signed the package.</summary>
    public string KeyId { get; }

    /// <summary>Relative paths (forward slashes, without the <c>files/</c> prefix) of the plugin's files, in ordinal order.</summary>
    public IReadOnlyList<string> Files => _files.Select(f => f.Key).ToList();

    /// <summary>The exact bytes of the package's signed <c>manifest.json</c>. Two packages with equal file lists have
    /// byte-identical contents (every file's size and SHA-256 is listed).</summary>
    public ReadOnlyMemory<byte> FileList => _fileList;

    /// <summary>True if <paramref name="folder"/> holds an installed copy of this package's contents, judged by its
    /// <c>.joules/manifest.json</c> being byte-identical to <see cref="FileList"/> (the folder is not verified).</summary>
    public bool HasSameFileListAs(string folder)
    {
        var path = Path.Combine(folder, PackageLayout.ControlFolder, PackageLayout.FileList);
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length == _fileList.LongLength && File.ReadAllBytes(path).AsSpan().SequenceEqual(_fileList);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Writes <c>plugin.json</c>, the contents of <c>files/</c> and the control folder <c>.joules/</c>
    /// (<c>manifest.json</c> and <c>signature.json</c>, byte for byte) into <paramref name="stagingFolder"/>,
    /// which must not exist yet or be empty. Every target path is checked to lie inside the folder. If writing
    /// fails, a folder created here is removed again.</summary>
    /// <exception cref="PluginPackageException">The folder is not empty or a path would leave it.</exception>
    public void ExtractTo(string stagingFolder)
    {
        var root = Path.GetFullPath(stagingFolder);
        var existed = Directory.Exists(root);
        if (existed && Directory.EnumerateFileSystemEntries(root).Any())
            throw new PluginPackageException(CoreText.Format("Plugin.Package.StagingNotEmpty", stagingFolder));

        var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var control = Path.Combine(root, PackageLayout.ControlFolder);
        var targets = new List<(string Path, byte[] Content)>
        {
            (Path.Combine(root, PackageLayout.PluginJson), _pluginJson),
            (Path.Combine(control, PackageLayout.FileList), _fileList),
            (Path.Combine(control, PackageLayout.Signature), _signature),
        };
        foreach (var (relative, content) in _files)
        {
            var target = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
            if (!target.StartsWith(prefix, StringComparison.Ordinal) || !PackageLayout.IsAllowedPluginFile(PackageLayout.FilesPrefix + relative))
                throw new PluginPackageException(CoreText.Format("Plugin.Package.PathInvalid", PackageLayout.FilesPrefix + relative));
            targets.Add((target, content));
        }

        try
        {
            Directory.CreateDirectory(root);
            foreach (var (target, content) in targets)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(content);
            }
        }
        catch
        {
            if (!existed && Directory.Exists(root)) Directory.Delete(root, recursive: true);
            throw;
        }
    }
}
