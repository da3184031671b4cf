using System.Security.Cryptography;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Packaging;

namespace Joules.Host.Tests.Infrastructure;

/// <summary>The test plugins (tests/Plugins/*) as the build installed them into artifacts/test-plugins, signed with the
/// source tree's development key.</summary>
public static class TestPlugins
{
    public const string Notes = "joules.test.notes";
    public const string Faulty = "joules.test.faulty";
    public const string Probe = "joules.test.probe";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Root => Path.Combine(RepoRoot, "artifacts", "test-plugins");

    /// <summary>The installed folder of a test plugin.</summary>
    public static string Folder(string id) => Path.Combine(Root, id);

    /// <summary>The build's installed copy of shipped plugin <paramref name="id"/> (plugins-bin/&lt;id&gt;). <c>dotnet test</c>
    /// on the solution may start a test assembly while the host's build is still packing the shipped plugins; the
    /// installer renames a complete folder into place, so waiting for the folder is enough.</summary>
    public static string Shipped(string id)
    {
        var folder = Path.Combine(RepoRoot, "plugins-bin", id);
        var until = DateTime.UtcNow.AddMinutes(5);
        while (!Directory.Exists(folder) && DateTime.UtcNow < until) Thread.Sleep(500);
        return Directory.Exists(folder) ? folder
            : throw new DirectoryNotFoundException($"{folder} is missing: build Joules.Host, which installs the shipped plugins.");
    }

    /// <summary>The signed package of a test plugin.</summary>
    public static string Package(string id) =>
        Directory.GetFiles(Path.Combine(Root, "packages"), id + "-*" + PackageLayout.Extension).Single();

    /// <summary>The build's development signing key (private).</summary>
    public static ECDsa DevelopmentKey()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(RepoRoot, ".dev-keys", "plugin-signing.pem")));
        return key;
    }

    /// <summary>Copies a test plugin into <paramref name="pluginsFolder"/> the way an administrator should: into a
    /// staging folder first, then one rename.</summary>
    public static string MoveIn(string id, string pluginsFolder)
    {
        var staging = Path.Combine(pluginsFolder, ".incoming", Guid.NewGuid().ToString("N"));
        CopyFolder(Folder(id), staging);
        var target = Path.Combine(pluginsFolder, id);
        Directory.Move(staging, target);
        return target;
    }

    /// <summary>A package of the published test plugin with a changed manifest, signed with <paramref name="key"/>.</summary>
    public static byte[] Repack(string id, Func<PluginManifest, PluginManifest> change, ECDsa key)
    {
        var source = Folder(id);
        var temp = Directory.CreateTempSubdirectory("joules-repack-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                if (relative.StartsWith(".joules", StringComparison.Ordinal) || relative == PackageLayout.PluginJson) continue;
                var target = Path.Combine(temp, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            var manifest = change(PluginManifest.Parse(File.ReadAllText(Path.Combine(source, PackageLayout.PluginJson))));
            using var output = new MemoryStream();
            PluginPackageBuilder.Build(temp, manifest, key, output);
            return output.ToArray();
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    public static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Joules.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Joules.sln not found above the test binaries.");
    }
}
