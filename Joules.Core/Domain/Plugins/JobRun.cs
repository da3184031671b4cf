namespace Joules.Core.Domain.Plugins;

/// <summary>One run of a scheduled job (of the host or a plugin): when, how it ended and why. Append-only.</summary>
public sealed class JobRun
{
    private JobRun() { }

    public static JobRun Start(string group, string name, bool manual, DateTimeOffset now) =>
        new() { Id = Guid.NewGuid(), JobGroup = group, JobName = name, Manual = manual, StartedAt = now };

    public Guid Id { get; private set; }

    /// <summary>Quartz job group: "host" for the host's jobs, the plugin id for a plugin's jobs.</summary>
    public string JobGroup { get; private set; } = "";
    public string JobName { get; private set; } = "";

    /// <summary>True if an administrator started the run ("run now").</summary>
    public bool Manual { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Null while running.</summary>
    public JobRunOutcome? Outcome { get; private set; }

    /// <summary>The result or error message (at most 2,000 characters).</summary>
    public string? Message { get; private set; }

    public void Finish(JobRunOutcome outcome, string? message, DateTimeOffset now)
    {
        Outcome = outcome;
        Message = message is { Length: > 2000 } ? message[..2000] : message;
        FinishedAt = now;
    }
}

/// <summary>How a job run ended.</summary>
public enum JobRunOutcome
{
    Succeeded,
    Failed,
    /// <summary>Not run: its plugin is not licensed, read-only, disabled or faulted.</summary>
    Skipped,
}
