using Joules.Core.Plugins;
using Joules.Core.Plugins.Licensing;

namespace Joules.Host.Plugins;

/// <summary>What a loaded plugin is doing.</summary>
public enum PluginState
{
    /// <summary>Licensed (or in the grace period) and running.</summary>
    Active,
    /// <summary>Loaded, but no valid licence names it: navigation hidden, pages show a licence notice, jobs and API stopped.</summary>
    Unlicensed,
    /// <summary>Licence and grace period over: pages show data read-only, jobs and API stopped.</summary>
    ReadOnly,
    /// <summary>Switched off by an administrator.</summary>
    Disabled,
    /// <summary>Failed to verify, load, migrate, start or handle an event; see the reason.</summary>
    Faulted,
}

/// <summary>One plugin as administrators see it.</summary>
public sealed record PluginSummary
{
    public required string Id { get; init; }
    public required string Version { get; init; }
    public required string DisplayName { get; init; }
    public string Description { get; init; } = "";
    public string Author { get; init; } = "";
    public required PluginState State { get; init; }

    /// <summary>Why the plugin is faulted, unlicensed or read-only (localised); null when active without warning.</summary>
    public string? Reason { get; init; }

    /// <summary>The licence status (null if the plugin never got far enough to be evaluated).</summary>
    public PluginLicenceStatus? Licence { get; init; }

    /// <summary>Routes of the plugin's pages (e.g. "/notes").</summary>
    public IReadOnlyList<string> Pages { get; init; } = [];

    /// <summary>Keys of the plugin's jobs.</summary>
    public IReadOnlyList<string> Jobs { get; init; } = [];

    /// <summary>Tables of the plugin's database contexts.</summary>
    public IReadOnlyList<string> Tables { get; init; } = [];

    /// <summary>The plugin's settings component, if it has one.</summary>
    public Type? SettingsComponent { get; init; }

    /// <summary>True once an older version of this plugin was replaced live: its memory is freed only by a restart.</summary>
    public bool RestartRecommended { get; init; }

    public DateTimeOffset? LoadedAt { get; init; }
}

/// <summary>A licence file installed on this system.</summary>
public sealed record LicenceSummary(string LicenceId, string Licensee, bool Development, DateTimeOffset InstalledAt,
    IReadOnlyList<LicensedPlugin> Plugins, string? Problem);

/// <summary>What administrators do with plugins. Every action is written to the audit log. Methods throw
/// <see cref="PluginPackageException"/> or <see cref="Core.Domain.Common.DomainException"/> with a localised message
/// when they refuse; nothing is changed then.</summary>
public interface IPluginAdministration
{
    /// <summary>Raised (on any thread) whenever the plugin set or a plugin's state changes.</summary>
    event Action? Changed;

    /// <summary>The id licences of this installation must be bound to.</summary>
    string InstallationId { get; }

    /// <summary>Every plugin known to the host, by display name.</summary>
    IReadOnlyList<PluginSummary> List();

    /// <summary>Verifies a <c>.joules</c> package completely, then installs it into <c>plugins-bin/</c> and activates it;
    /// a newer or older version of an installed plugin replaces it live.</summary>
    Task<PluginSummary> InstallPackageAsync(Stream package, string fileName, CancellationToken ct = default);

    /// <summary>Verifies and stores a licence file, then re-evaluates every plugin.</summary>
    Task<LicenceSummary> InstallLicenceAsync(Stream licence, CancellationToken ct = default);

    /// <summary>The installed licence files.</summary>
    Task<IReadOnlyList<LicenceSummary>> ListLicencesAsync(CancellationToken ct = default);

    /// <summary>Activates a disabled or faulted plugin again.</summary>
    Task EnableAsync(string pluginId, CancellationToken ct = default);

    /// <summary>Switches a plugin off live (pages, navigation, jobs, endpoints and handlers stop).</summary>
    Task DisableAsync(string pluginId, CancellationToken ct = default);

    /// <summary>Stops the plugin and deletes its folder. Its tables and data are kept.</summary>
    Task RemoveAsync(string pluginId, CancellationToken ct = default);

    /// <summary>True if <see cref="RestartAsync"/> can bring the host back by itself.</summary>
    bool CanRestart { get; }

    /// <summary>Stops the host cleanly and starts it again (frees the memory of replaced plugin versions).</summary>
    Task RestartAsync(CancellationToken ct = default);
}
