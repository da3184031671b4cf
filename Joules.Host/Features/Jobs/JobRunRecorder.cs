using System.Collections.Concurrent;
using Joules.Core.Data;
using Joules.Core.Domain.Plugins;
using Joules.Core.Tenancy;
using Joules.Host.Plugins;
using Quartz;

namespace Joules.Host.Features.Jobs;

/// <summary>Writes a <see cref="JobRun"/> row when any Quartz job starts and completes it when the job has run:
/// a <see cref="JobResult"/> gives outcome and message, a string is a success message, an exception a failure.</summary>
public sealed class JobRunRecorder(IServiceScopeFactory scopes, ILogger<JobRunRecorder> logger) : IJobListener
{
    private readonly ConcurrentDictionary<string, Guid> _open = new();

    public string Name => nameof(JobRunRecorder);

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var key = context.JobDetail.Key;
            var manual = JobData.Text(context.MergedJobDataMap, JobData.ManualRun) is "true";
            var run = JobRun.Start(Cut(key.Group, 64), Cut(key.Name, 100), manual, DateTimeOffset.UtcNow);
            await using var scope = CreateScope(out var db);
            db.JobRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            _open[context.FireInstanceId] = run.Id;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not record the start of job {Job}", context.JobDetail.Key);
        }
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (!_open.TryRemove(context.FireInstanceId, out var id)) return;
        var (outcome, message) = OutcomeOf(context.Result, jobException);
        try
        {
            await using var scope = CreateScope(out var db);
            var run = await db.JobRuns.FindAsync([id], CancellationToken.None);
            if (run is null) return;
            run.Finish(outcome, message, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record the end of job {Job}", context.JobDetail.Key);
        }
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>The outcome of a run from the job's result and exception.</summary>
    public static (JobRunOutcome Outcome, string? Message) OutcomeOf(object? result, Exception? exception)
    {
        if (exception is not null)
        {
            // Quartz wraps what the job threw ("Job threw an unhandled exception"): report the job's own error.
            var cause = exception;
            while (cause is SchedulerException { InnerException: { } inner }) cause = inner;
            return (JobRunOutcome.Failed, cause.Message);
        }
        return result switch
        {
            JobResult r => (r.Outcome, r.Message),
            string s => (JobRunOutcome.Succeeded, s),
            _ => (JobRunOutcome.Succeeded, null),
        };
    }

    private AsyncServiceScope CreateScope(out JoulesDbContext db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("system:jobs");
        db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        return scope;
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
