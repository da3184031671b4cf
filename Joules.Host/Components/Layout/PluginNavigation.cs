using Joules.Host.Plugins.Runtime;
using MudBlazor;

namespace Joules.Host.Components.Layout;

/// <summary>A navigation entry of a plugin, ready to render.</summary>
internal sealed record PluginNavLink(string PluginId, string Href, string Title, string Icon, string Roles);

/// <summary>The navigation entries of plugins whose pages are shown: active or read-only plugins; unlicensed, disabled
/// and faulted plugins have none.</summary>
internal static class PluginNavigation
{
    public static IReadOnlyList<PluginNavLink> Entries(PluginRegistry registry) => registry.All
        .Where(p => p.ShowsPages)
        .SelectMany(p => p.Contributions.NavEntries.Select(e => (Plugin: p, Entry: e)))
        .OrderBy(x => x.Entry.Order).ThenBy(x => x.Entry.Title.Current, StringComparer.CurrentCultureIgnoreCase)
        .Select(x => new PluginNavLink(x.Plugin.Id, x.Entry.Href, x.Entry.Title.Current,
            x.Entry.Icon.Length > 0 ? x.Entry.Icon : Icons.Material.Filled.Extension,
            string.Join(",", x.Entry.Roles.SelectMany(r => r.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct())))
        .ToList();
}
