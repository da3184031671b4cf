using Joules.Core.Data;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Joules.Host.Features.Transfers;

/// <summary>The Quartz job of a transfer schedule; the schedule id is in the job data.</summary>
[DisallowConcurrentExecution]
public sealed class TransferScheduleJob(ScheduleRunner runner) : IJob
{
    public const string ScheduleIdKey = "scheduleId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = Guid.Parse(context.MergedJobDataMap.GetString(ScheduleIdKey)!);
        await runner.RunAsync(id, cancellationToken);
    }
}

/// <summary>Keeps the Quartz jobs and triggers (RAM store) in line with the TransferSchedules table: rebuilt at
/// start and whenever a schedule is saved or deleted. Every schedule gets a durable job (so "run now" works for
/// disabled ones too); enabled ones get a cron trigger.</summary>
public sealed class ScheduleRegistrar(ISchedulerFactory schedulers, IServiceProvider services, ILogger<ScheduleRegistrar> logger)
{
    public const string Group = "transfers";

    public static JobKey KeyOf(Guid scheduleId) => new(scheduleId.ToString("N"), Group);

    /// <summary>True if <paramref name="cron"/> is a valid Quartz cron expression.</summary>
    public static bool IsValidCron(string? cron) => !string.IsNullOrWhiteSpace(cron) && CronExpression.TryParse(cron.Trim(), out _);

    /// <summary>The next time a valid, enabled cron expression fires (local time zone).</summary>
    public static DateTimeOffset? NextRun(string cron, bool enabled) =>
        enabled && CronExpression.TryParse(cron.Trim(), out var expression) ? expression.WithTimeZone(TimeZoneInfo.Local).GetNextValidTimeAfter(DateTimeOffset.UtcNow) : null;

    public async Task RebuildAsync(CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.DeleteJobs(await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), ct), ct);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("system:schedule");
        var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        foreach (var schedule in await db.TransferSchedules.AsNoTracking().ToListAsync(ct))
        {
            var job = JobBuilder.Create<TransferScheduleJob>().WithIdentity(KeyOf(schedule.Id)).StoreDurably()
                .UsingJobData(TransferScheduleJob.ScheduleIdKey, schedule.Id.ToString()).UsingJobData("displayName", schedule.Name).Build();
            await scheduler.AddJob(job, AddJobOptions.Replacing, ct);
            if (!schedule.Enabled || !IsValidCron(schedule.Cron)) continue;
            var trigger = TriggerBuilder.Create().ForJob(job).WithIdentity(schedule.Id.ToString("N"), Group)
                .WithCronSchedule(schedule.Cron.Trim(), c => c.InTimeZone(TimeZoneInfo.Local).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)).Build();
            await scheduler.ScheduleJob(trigger, default, ct);
        }
        logger.LogInformation("Transfer schedules loaded into Quartz");
    }

    /// <summary>Starts the schedule's job now.</summary>
    public async Task RunNowAsync(Guid scheduleId, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        if (!await scheduler.Exists(KeyOf(scheduleId), ct)) await RebuildAsync(ct);
        await scheduler.TriggerJob(KeyOf(scheduleId), ct);
    }
}

/// <summary>Loads the schedules into Quartz when the host starts.</summary>
internal sealed class ScheduleStartup(ScheduleRegistrar registrar) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => registrar.RebuildAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
