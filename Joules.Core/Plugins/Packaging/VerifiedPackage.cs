using Joules.Core.Domain.Common;

namespace Joules.Core.Plugins.Packaging;

/// <summary>A plugin package that passed <see cref="PluginPackageVerifier.Verify"/>. It holds the verified
/// contents in memory, so what is extracted is exactly what was checked.</summary>
public sealed class VerifiedPackage
{
    private readonly byte[] _pluginJson;
    private readonly IReadOnlyList<KeyValuePair<string, byte[]>> _files;

    internal VerifiedPackage(PluginManifest manifest, string keyId, byte[] pluginJson, IReadOnlyList<KeyValuePair<string, byte[]>> files)
    {
        Manifest = manifest;
        KeyId = keyId;
        _pluginJson = pluginJson;
        _files = files;
    }

    /// <summary>The package's <c>plugin.json</c>.</summary>
    public PluginManifest Manifest { get; }

    /// <summary>Id of the trusted vendor key that signed the package.</summary>
    public string KeyId { get; }

    /// <summary>Relative paths (forward slashes, without the <c>files/</c> prefix) of the plugin's files, in ordinal order.</summary>
    public IReadOnlyList<string> Files => _files.Select(f => f.Key).ToList();

    /// <summary>Writes <c>plugin.json</c> and the contents of <c>files/</c> into <paramref name="stagingFolder"/>,
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
        var targets = new List<(string Path, byte[] Content)> { (Path.Combine(root, PackageLayout.PluginJson), _pluginJson) };
        foreach (var (relative, content) in _files)
        {
            var target = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
            if (!target.StartsWith(prefix, StringComparison.Ordinal))
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
