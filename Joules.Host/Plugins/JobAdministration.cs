namespace Joules.Host.Plugins;

/// <summary>A scheduled job of the host or of a plugin.</summary>
public sealed record JobSummary
{
    /// <summary>Quartz group: "host" or the plugin id.</summary>
    public required string Group { get; init; }
    public required string Name { get; init; }
    public required string DisplayName { get; init; }

    /// <summary>The plugin that owns the job; null for the host's jobs.</summary>
    public string? PluginId { get; init; }

    /// <summary>The cron expression (or a description of the trigger).</summary>
    public required string Schedule { get; init; }
    public DateTimeOffset? NextRun { get; init; }
    public DateTimeOffset? LastRun { get; init; }

    /// <summary>Outcome of the last finished run ("Succeeded", "Failed", "Skipped"); null if it never ran.</summary>
    public Core.Domain.Plugins.JobRunOutcome? LastOutcome { get; init; }
    public string? LastMessage { get; init; }
    public bool Running { get; init; }
    public bool Paused { get; init; }
}

/// <summary>Administration of every scheduled job (host and plugins). Actions are written to the audit log.</summary>
public interface IJobAdministration
{
    Task<IReadOnlyList<JobSummary>> ListAsync(CancellationToken ct = default);
    Task RunNowAsync(string group, string name, CancellationToken ct = default);
    Task PauseAsync(string group, string name, CancellationToken ct = default);
    Task ResumeAsync(string group, string name, CancellationToken ct = default);

    /// <summary>The last runs of one job, newest first.</summary>
    Task<IReadOnlyList<Core.Domain.Plugins.JobRun>> HistoryAsync(string group, string name, int take = 20, CancellationToken ct = default);
}
