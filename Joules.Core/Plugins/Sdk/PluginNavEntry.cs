namespace Joules.Core.Plugins;

/// <summary>A link in the main navigation contributed by a plugin.</summary>
/// <param name="Href">Relative address of a page of the plugin, without leading slash (e.g. "notes").</param>
/// <param name="Title">The link text.</param>
/// <param name="Roles">Roles (see <see cref="Domain.Identity.Roles"/>) that see the link; at least one.</param>
public sealed record PluginNavEntry(string Href, LocalizedText Title, params string[] Roles)
{
    /// <summary>A MudBlazor icon (SVG path string such as <c>Icons.Material.Filled.Note</c>); a puzzle piece when empty.</summary>
    public string Icon { get; init; } = "";

    /// <summary>Position among the plugin entries (lower first), then the title.</summary>
    public int Order { get; init; } = 100;
}
