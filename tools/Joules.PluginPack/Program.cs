using System.Globalization;
using System.Security.Cryptography;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Packaging;
using Joules.Core.Plugins.Security;
using Joules.PluginPack;

// Packs one published plugin into <out>/packages/<id>-<version>.joules (signed with the development key) and installs
// it into <out>/<id>/ — only if its contents differ from what is installed there, so a running host watching <out>
// sees nothing on an unchanged rebuild.
const string Usage = """
    Usage: dotnet Joules.PluginPack.dll --publish <publishDir> --plugin-json <plugin.json> --host-deps <Joules.Host.deps.json>
                                        --out <pluginsRoot> --key <signing key .pem>
    """;

try
{
    var options = ParseArguments(args);
    if (options is null)
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }
    var (publish, pluginJson, hostDeps, output, keyPath) = options.Value;
    if (!Directory.Exists(publish)) return Fail($"publish folder {publish} does not exist");
    if (!File.Exists(pluginJson)) return Fail($"plugin.json {pluginJson} does not exist");
    if (!File.Exists(hostDeps)) return Fail($"host deps file {hostDeps} does not exist (build the host first)");

    using var key = DevSigningKey.LoadOrCreate(keyPath);
    var hostFiles = HostFiles.FromDepsJson(File.ReadAllText(hostDeps));

    Directory.CreateDirectory(output);
    Directory.CreateDirectory(Path.Combine(output, PluginInstaller.StagingFolder));
    using var _ = PackLock.Acquire(Path.Combine(output, PluginInstaller.StagingFolder, "pack.lock"));

    var selection = Path.Combine(Path.GetTempPath(), "joules-pack-" + Guid.NewGuid().ToString("N"));
    try
    {
        var files = CopyPluginFiles(publish, selection, hostFiles);
        using var package = new MemoryStream();
        PluginPackageBuilder.Build(selection, pluginJson, key, package);

        using var publicKey = VendorSignature.ImportPublicKey(VendorSignature.ExportPublicKey(key));
        package.Position = 0;
        var verified = new PluginPackageVerifier([publicKey]).Verify(package);
        var manifest = verified.Manifest;
        var target = Path.Combine(output, manifest.Id);
        var packagePath = Path.Combine(output, "packages", $"{manifest.Id}-{manifest.Version}{PackageLayout.Extension}");

        // Same signed file list and the folder still verifies (nobody edited it): leave it alone.
        var unchanged = verified.HasSameFileListAs(target) && FolderVerifies(target, publicKey);
        if (!unchanged || !File.Exists(packagePath))
            WriteAtomically(packagePath, package.ToArray());
        if (!unchanged)
        {
            PluginInstaller.InstallAtomically(verified, output);
            PluginInstaller.TryDeleteTrash(output);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{manifest.Id} {manifest.Version}: {files} files, {package.Length / 1024.0:0.0} KB -> {target} {(unchanged ? "unchanged" : "installed")}"));
        return 0;
    }
    finally
    {
        if (Directory.Exists(selection)) Directory.Delete(selection, recursive: true);
    }
}
catch (PluginPackageException e)
{
    return Fail(e.Message);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or InvalidDataException or System.Text.Json.JsonException)
{
    return Fail(e.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine($"Joules.PluginPack: error: {message}");
    return 1;
}

static (string Publish, string PluginJson, string HostDeps, string Out, string Key)? ParseArguments(string[] args)
{
    var values = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
        values[args[i]] = args[i + 1];
    if (args.Length % 2 != 0) return null;
    string? Get(string name) => values.TryGetValue(name, out var v) && v.Length > 0 ? Path.GetFullPath(v) : null;
    var (publish, pluginJson, hostDeps, output, key) = (Get("--publish"), Get("--plugin-json"), Get("--host-deps"), Get("--out"), Get("--key"));
    if (publish is null || pluginJson is null || hostDeps is null || output is null || key is null || values.Count != 5) return null;
    return (publish, pluginJson, hostDeps, output, key);
}

// Copies what the plugin brings itself (everything the host does not ship) into an empty folder; returns the count.
static int CopyPluginFiles(string publish, string selection, HostFiles hostFiles)
{
    var count = 0;
    foreach (var file in Directory.EnumerateFiles(publish, "*", SearchOption.AllDirectories))
    {
        var relative = Path.GetRelativePath(publish, file);
        if (hostFiles.IsShared(relative) || relative == PackageLayout.PluginJson) continue;
        var target = Path.Combine(selection, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(file, target);
        count++;
    }
    Directory.CreateDirectory(selection);
    return count;
}

static bool FolderVerifies(string folder, ECDsa publicKey)
{
    try
    {
        new PluginFolderVerifier([publicKey]).Verify(folder);
        return true;
    }
    catch (PluginPackageException)
    {
        return false;
    }
}

static void WriteAtomically(string path, byte[] content)
{
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
    File.WriteAllBytes(temporary, content);
    File.Move(temporary, path, overwrite: true);
}
