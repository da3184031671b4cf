namespace Joules.Core.Domain.Plugins;

/// <summary>An administrator's decision about one plugin: which version was installed and whether it is enabled.
/// The plugin's files live in <c>plugins-bin/&lt;id&gt;/</c>; a folder without a row is enabled by default.</summary>
public sealed class PluginInstallation
{
    private PluginInstallation() { }

    /// <summary>Records <paramref name="pluginId"/> at <paramref name="version"/>, enabled.</summary>
    public static PluginInstallation Create(string pluginId, string version, DateTimeOffset now) =>
        new() { PluginId = pluginId, Version = version, Enabled = true, InstalledAt = now, ChangedAt = now };

    public string PluginId { get; private set; } = "";
    public string Version { get; private set; } = "";
    public bool Enabled { get; private set; }
    public DateTimeOffset InstalledAt { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>True once the plugin was removed by an administrator (its tables and data are kept).</summary>
    public bool Removed { get; private set; }

    public void Enable(DateTimeOffset now) { Enabled = true; Removed = false; ChangedAt = now; }
    public void Disable(DateTimeOffset now) { Enabled = false; ChangedAt = now; }
    public void Remove(DateTimeOffset now) { Enabled = false; Removed = true; ChangedAt = now; }

    public void Install(string version, DateTimeOffset now)
    {
        Version = version;
        Enabled = true;
        Removed = false;
        InstalledAt = now;
        ChangedAt = now;
    }
}
