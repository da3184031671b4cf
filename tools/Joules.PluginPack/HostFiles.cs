using System.Text.Json;

namespace Joules.PluginPack;

/// <summary>The files the host already ships, read from its <c>*.deps.json</c>. A plugin's published files that the host
/// ships are left out of the package, so shared types (Core, EF Core, MudBlazor, Quartz, ASP.NET, …) always come from
/// the host and exist once in the process.</summary>
internal sealed class HostFiles
{
    private readonly HashSet<string> _assemblies;
    private readonly HashSet<string> _fileNames;

    private HostFiles(HashSet<string> assemblies, HashSet<string> fileNames)
    {
        _assemblies = assemblies;
        _fileNames = fileNames;
    }

    /// <summary>Reads the runtime assemblies, runtime-specific assets and native files of every library in the deps file.</summary>
    public static HostFiles FromDepsJson(string json)
    {
        var assemblies = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var fileNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException("The host's deps.json has no \"targets\".");
        foreach (var target in targets.EnumerateObject())
        foreach (var library in target.Value.EnumerateObject())
        {
            if (library.Value.ValueKind != JsonValueKind.Object) continue;
            foreach (var group in new[] { "runtime", "runtimeTargets", "native" })
            {
                if (!library.Value.TryGetProperty(group, out var assets) || assets.ValueKind != JsonValueKind.Object) continue;
                foreach (var asset in assets.EnumerateObject())
                {
                    var name = Path.GetFileName(asset.Name);
                    fileNames.Add(name);
                    if (group == "runtime") assemblies.Add(Path.GetFileNameWithoutExtension(name));
                }
            }
        }
        return new HostFiles(assemblies, fileNames);
    }

    /// <summary>True if the host ships this assembly (by simple name, e.g. "MudBlazor"); Joules.Core and its satellites always count.</summary>
    public bool IsHostAssembly(string simpleName) =>
        _assemblies.Contains(simpleName)
        || simpleName.Equals("Joules.Core", StringComparison.OrdinalIgnoreCase)
        || simpleName.StartsWith("Joules.Core.", StringComparison.OrdinalIgnoreCase);

    /// <summary>True if <paramref name="relativePath"/> (a path in the plugin's publish folder, either slash) is
    /// shipped by the host and must not be packed: a host assembly at the root with its .pdb/.xml, its satellite
    /// resource assemblies (<c>de/X.resources.dll</c>), its runtime-specific assets (<c>runtimes/…</c>) and the static
    /// web assets of a host package (<c>wwwroot/_content/MudBlazor/…</c>).</summary>
    public bool IsShared(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/');
        var fileName = parts[^1];
        if (parts.Length == 1)
        {
            var extension = Path.GetExtension(fileName).ToLowerInvariant();
            return extension is ".dll" or ".exe" or ".pdb" or ".xml" && IsHostAssembly(Path.GetFileNameWithoutExtension(fileName));
        }
        if (parts.Length == 2 && fileName.EndsWith(".resources.dll", StringComparison.OrdinalIgnoreCase))
            return IsHostAssembly(fileName[..^".resources.dll".Length]);
        if (parts[0].Equals("runtimes", StringComparison.OrdinalIgnoreCase))
            return _fileNames.Contains(fileName) || IsHostAssembly(Path.GetFileNameWithoutExtension(fileName));
        if (parts.Length > 3 && parts[0].Equals("wwwroot", StringComparison.OrdinalIgnoreCase)
            && parts[1].Equals("_content", StringComparison.OrdinalIgnoreCase))
            return IsHostAssembly(parts[2]);
        return false;
    }
}
