namespace Joules.Bench;

/// <summary>Plugin folders for the plugin benchmarks: the shipped plugins of <c>plugins-bin/</c> and the test plugins the
/// build of tests/Joules.Host.Tests packs into <c>artifacts/test-plugins/</c>, all signed with the development key.</summary>
internal static class PluginFolders
{
    public const string NotesId = "joules.test.notes";
    public const string ProbeId = "joules.test.probe";

    /// <summary>The public endpoint of the notes test plugin (anonymous; 404 or 503 while the plugin is not running).</summary>
    public const string NotesCountPath = "/plugins/" + NotesId + "/count";

    public static string Shipped => Path.Combine(HostProcess.RepositoryRoot, "plugins-bin");
    public static string TestPlugins => Path.Combine(HostProcess.RepositoryRoot, "artifacts", "test-plugins");
    public static string DevelopmentKeys => Path.Combine(HostProcess.RepositoryRoot, ".dev-keys");

    /// <summary>Installed plugin folders of the shipped plugins (not ".staging", ".trash" or "packages").</summary>
    public static IReadOnlyList<string> ShippedPlugins() => Directory.Exists(Shipped)
        ? Directory.EnumerateDirectories(Shipped).Where(d => IsPluginFolderName(Path.GetFileName(d))).Order(StringComparer.Ordinal).ToList()
        : [];

    private static bool IsPluginFolderName(string name) => name.Length > 0 && name[0] != '.' && name != "packages";

    /// <summary>The installed folder of a test plugin; builds tests/Joules.Host.Tests first if the test plugins are missing.</summary>
    public static async Task<string> TestPluginAsync(string id, CancellationToken ct)
    {
        var folder = Path.Combine(TestPlugins, id);
        if (!Directory.Exists(folder))
        {
            Console.WriteLine("   test plugins missing: building tests/Joules.Host.Tests (packs artifacts/test-plugins) ...");
            await HostProcess.RunToEndAsync("dotnet", ["build", Path.Combine(HostProcess.RepositoryRoot, "tests", "Joules.Host.Tests")], HostProcess.RepositoryRoot, ct);
            if (!Directory.Exists(folder)) throw new InvalidOperationException($"{folder} is still missing after the build.");
        }
        return folder;
    }

    /// <summary>Host settings for a plugins folder outside the source tree, trusting the development key of this tree (the
    /// Release host reads the appsettings.json next to its binaries, so relative folders would resolve there).</summary>
    public static Dictionary<string, string> Environment(string pluginsFolder) => new()
    {
        ["Joules__Plugins__Folder"] = pluginsFolder,
        ["Joules__Plugins__Development"] = "true",
        ["Joules__Plugins__DevelopmentKeyFolder"] = DevelopmentKeys,
    };

    /// <summary>Copies a folder byte for byte (the signed file list covers every file).</summary>
    public static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(source)) Copy(dir, Path.Combine(target, Path.GetFileName(dir)));
    }
}
