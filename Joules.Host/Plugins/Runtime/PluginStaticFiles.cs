using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Serves the static web assets of plugins under <c>/_content/&lt;AssemblyName&gt;/…</c> from their installed
/// folders: the plugin's own <c>wwwroot</c> (including its scoped CSS bundle) and its private Razor class library
/// dependencies' <c>wwwroot/_content/&lt;Dependency&gt;/</c>. The mapping follows the plugin set live.</summary>
internal sealed class PluginStaticFiles(PluginRegistry registry) : IFileProvider
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<PluginInstance, PhysicalFileProvider?> _providers = new();

    public IFileInfo GetFileInfo(string subpath)
    {
        foreach (var candidate in Candidates(subpath))
        {
            var file = candidate.Provider.GetFileInfo(candidate.Path);
            if (file.Exists) return file;
        }
        return new NotFoundFileInfo(subpath);
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private IEnumerable<(IFileProvider Provider, string Path)> Candidates(string subpath)
    {
        // subpath: /_content/<Name>/<rest>
        var parts = subpath.TrimStart('/').Split('/', 3);
        if (parts.Length < 3 || parts[0] != "_content" || parts[2].Length == 0) yield break;
        var (name, rest) = (parts[1], parts[2]);
        foreach (var plugin in registry.All.Where(p => p.IsLoaded))
        {
            var provider = _providers.GetValue(plugin, p =>
            {
                var wwwroot = Path.Combine(p.Folder, "wwwroot");
                return Directory.Exists(wwwroot) ? new PhysicalFileProvider(wwwroot) : null;
            });
            if (provider is null) continue;
            yield return (provider, $"_content/{name}/{rest}");
            if (string.Equals(plugin.Assembly?.GetName().Name, name, StringComparison.OrdinalIgnoreCase))
                yield return (provider, rest);
        }
    }

    /// <summary>The scoped CSS bundle of a plugin, as a URL, if it ships one.</summary>
    public static string? StylesheetOf(PluginInstance plugin)
    {
        var name = plugin.Assembly?.GetName().Name;
        if (name is null) return null;
        foreach (var file in new[] { $"{name}.styles.css", $"{name}.bundle.scp.css" })
        {
            if (File.Exists(Path.Combine(plugin.Folder, "wwwroot", file))
                || File.Exists(Path.Combine(plugin.Folder, "wwwroot", "_content", name, file)))
                return $"_content/{name}/{file}";
        }
        return null;
    }
}
