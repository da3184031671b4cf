namespace Joules.Core.Plugins.Packaging;

/// <summary>Installs verified packages into a plugins folder (<c>plugins-bin/</c>) so that a running host watching it
/// never sees a half-written plugin: the package is extracted into <c>.staging/</c> and then moved into place with a
/// directory rename on the same file system. A replaced version is moved to <c>.trash/</c> first.</summary>
/// <remarks>Folders whose name starts with "." (<c>.staging</c>, <c>.trash</c>, …) are never plugin folders.</remarks>
public static class PluginInstaller
{
    /// <summary>Folder below the plugins root where packages are extracted before they are moved into place.</summary>
    public const string StagingFolder = ".staging";

    /// <summary>Folder below the plugins root holding replaced plugin folders until they can be deleted.</summary>
    public const string TrashFolder = ".trash";

    /// <summary>True if a folder of this name below the plugins root can be a plugin folder (it does not start with ".").</summary>
    public static bool IsPluginFolderName(string name) => name.Length > 0 && name[0] != '.' && name != PackagesFolder;

    /// <summary>Folder of the built <c>.joules</c> packages next to the installed plugins (not a plugin folder).</summary>
    public const string PackagesFolder = "packages";

    /// <summary>Extracts <paramref name="package"/> into <c>&lt;pluginsRoot&gt;/.staging/&lt;id&gt;-&lt;guid&gt;/</c>, moves an
    /// existing <c>&lt;pluginsRoot&gt;/&lt;id&gt;/</c> to <c>.trash/</c> and renames the staging folder to
    /// <c>&lt;pluginsRoot&gt;/&lt;id&gt;/</c>. Returns the full path of the installed folder. If the final move fails,
    /// the previous version is moved back.</summary>
    /// <exception cref="PluginPackageException">Extraction was refused.</exception>
    /// <exception cref="IOException">A folder could not be moved.</exception>
    public static string InstallAtomically(VerifiedPackage package, string pluginsRoot)
    {
        var root = Path.GetFullPath(pluginsRoot);
        var id = package.Manifest.Id;
        var unique = id + "-" + Guid.NewGuid().ToString("N");
        var staging = Path.Combine(root, StagingFolder, unique);
        var target = Path.Combine(root, id);
        Directory.CreateDirectory(Path.Combine(root, StagingFolder));
        package.ExtractTo(staging);

        string? trashed = null;
        try
        {
            if (Directory.Exists(target))
            {
                Directory.CreateDirectory(Path.Combine(root, TrashFolder));
                trashed = Path.Combine(root, TrashFolder, unique);
                Directory.Move(target, trashed);
            }
            Directory.Move(staging, target);
        }
        catch
        {
            if (trashed is not null && !Directory.Exists(target) && Directory.Exists(trashed)) Directory.Move(trashed, target);
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
        return target;
    }

    /// <summary>Deletes what is in <c>.trash/</c> and leftover <c>.staging/</c> folders, skipping anything that is still
    /// in use. Never throws.</summary>
    public static void TryDeleteTrash(string pluginsRoot)
    {
        foreach (var name in new[] { TrashFolder, StagingFolder })
        {
            var folder = Path.Combine(pluginsRoot, name);
            if (!Directory.Exists(folder)) continue;
            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                // A staging folder younger than a minute may belong to an installation in progress.
                if (name == StagingFolder && Directory.GetCreationTimeUtc(child) > DateTime.UtcNow.AddMinutes(-1)) continue;
                try
                {
                    Directory.Delete(child, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // still loaded somewhere (Windows) — tried again next time
                }
            }
        }
    }
}
