using Joules.Core.Domain.Plugins;

namespace Joules.Host.Plugins;

/// <summary>What a job reports as its <c>IJobExecutionContext.Result</c> for the jobs list. A job that sets a plain
/// string reports success with that message; a job that throws reports a failure.</summary>
public sealed record JobResult(JobRunOutcome Outcome, string? Message);
