namespace Joules.Core.Plugins.Licensing;

/// <summary>What a plugin may do under its licence.</summary>
public enum LicenceState
{
    /// <summary>No installed, valid licence names the plugin: it is not activated.</summary>
    Unlicensed,
    /// <summary>Licensed: fully working.</summary>
    Licensed,
    /// <summary>The licence has expired but the grace period runs: fully working, administrators see a warning.</summary>
    GracePeriod,
    /// <summary>The grace period is over: the plugin's pages show its data but allow no changes; its jobs and API do
    /// not run. No data is ever deleted.</summary>
    ReadOnly,
}

/// <summary>The licence status of one plugin at one instant, from <see cref="PluginLicenceEvaluator"/>.</summary>
public sealed record PluginLicenceStatus
{
    /// <summary>The plugin id asked for.</summary>
    public required string PluginId { get; init; }

    /// <summary>The state.</summary>
    public required LicenceState State { get; init; }

    /// <summary>When the deciding licence expires or expired (null when unlicensed).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When its grace period ends or ended; from then on the plugin is read-only (null when unlicensed).</summary>
    public DateTimeOffset? GraceEndsAt { get; init; }

    /// <summary>The id of the deciding licence (null when unlicensed).</summary>
    public string? LicenceId { get; init; }

    /// <summary>The licensee of the deciding licence (null when unlicensed).</summary>
    public string? Licensee { get; init; }

    /// <summary>A localised explanation for administrators (and the warning text in the grace period).</summary>
    public required string Reason { get; init; }

    /// <summary>True if the plugin works fully: changes, jobs and API are allowed (<see cref="LicenceState.Licensed"/> or
    /// <see cref="LicenceState.GracePeriod"/>).</summary>
    public bool AllowsChanges => State is LicenceState.Licensed or LicenceState.GracePeriod;

    /// <summary>True if the plugin's pages may show its data (everything but <see cref="LicenceState.Unlicensed"/>).</summary>
    public bool ShowsData => State is not LicenceState.Unlicensed;
}
