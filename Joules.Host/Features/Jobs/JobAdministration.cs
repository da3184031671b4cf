using System.Text.Json;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Plugins;
using Joules.Host.Plugins;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Quartz;

namespace Joules.Host.Features.Jobs;

/// <summary>Every Quartz job of the host and the plugins with its schedule, state and last runs (from the JobRuns
/// table); run now, pause and resume are written to the audit log as the acting user.</summary>
public sealed class JobAdministration(ISchedulerFactory schedulers, IDbContextFactory<JoulesDbContext> dbFactory, IStringLocalizer<JobAdministration> L)
    : IJobAdministration
{
    public async Task<IReadOnlyList<JobSummary>> ListAsync(CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var executing = (await scheduler.QueryFireInstances(new FireInstanceQuery { State = FireInstanceState.Executing }, ct)).Items
            .Select(f => f.JobKey).ToHashSet();
        await using var db = dbFactory.CreateDbContext();
        var jobs = new List<JobSummary>();
        foreach (var group in await scheduler.GetJobGroupNames(ct))
        {
            foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(group), ct))
            {
                var detail = await scheduler.GetJobDetail(key, ct);
                if (detail is null) continue;
                var triggers = await scheduler.GetTriggersOfJob(key, ct);
                var scheduled = triggers.Where(t => !IsManual(t)).ToList();
                var states = new List<TriggerState>();
                foreach (var trigger in scheduled) states.Add(await scheduler.GetTriggerState(trigger.Key, ct));
                var paused = states.Count > 0 && states.All(s => s == TriggerState.Paused);
                var lastStart = await db.JobRuns.AsNoTracking().Where(r => r.JobGroup == key.Group && r.JobName == key.Name)
                    .OrderByDescending(r => r.StartedAt).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefaultAsync(ct);
                var lastFinished = await db.JobRuns.AsNoTracking().Where(r => r.JobGroup == key.Group && r.JobName == key.Name && r.Outcome != null)
                    .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
                jobs.Add(new JobSummary
                {
                    Group = key.Group,
                    Name = key.Name,
                    DisplayName = JobData.DisplayNameOf(detail),
                    PluginId = JobData.PluginIdOf(detail),
                    Schedule = string.Join("; ", scheduled.Select(Describe)),
                    NextRun = paused ? null : scheduled.Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min(),
                    LastRun = lastStart,
                    LastOutcome = lastFinished?.Outcome,
                    LastMessage = lastFinished?.Message,
                    Running = executing.Contains(key),
                    Paused = paused,
                });
            }
        }
        return jobs.OrderBy(j => j.PluginId is null ? 0 : 1).ThenBy(j => j.Group, StringComparer.Ordinal)
            .ThenBy(j => j.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public async Task RunNowAsync(string group, string name, CancellationToken ct = default)
    {
        var (scheduler, key) = await FindAsync(group, name, ct);
        var data = new JobDataMap();
        data.Add(JobData.ManualRun, "true");
        await scheduler.TriggerJob(key, data, ct);
        await AuditAsync("JobRunNow", key, ct);
    }

    public async Task PauseAsync(string group, string name, CancellationToken ct = default)
    {
        var (scheduler, key) = await FindAsync(group, name, ct);
        await scheduler.PauseJob(key, ct);
        await AuditAsync("JobPaused", key, ct);
    }

    public async Task ResumeAsync(string group, string name, CancellationToken ct = default)
    {
        var (scheduler, key) = await FindAsync(group, name, ct);
        await scheduler.ResumeJob(key, ct);
        await AuditAsync("JobResumed", key, ct);
    }

    public async Task<IReadOnlyList<JobRun>> HistoryAsync(string group, string name, int take = 20, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.JobRuns.AsNoTracking().Where(r => r.JobGroup == group && r.JobName == name)
            .OrderByDescending(r => r.StartedAt).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
    }

    private async Task<(IScheduler Scheduler, JobKey Key)> FindAsync(string group, string name, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var key = new JobKey(name, group);
        if (!await scheduler.Exists(key, ct)) throw new DomainException(L["NotFound", name, group].Value);
        return (scheduler, key);
    }

    private async Task AuditAsync(string action, JobKey key, CancellationToken ct)
    {
        await using var db = dbFactory.CreateDbContext();
        db.Audit(action, "Job", $"{key.Group}.{key.Name}", JsonSerializer.Serialize(new { key.Group, key.Name }));
        await db.SaveChangesAsync(ct);
    }

    private static bool IsManual(ITrigger trigger) =>
        trigger is not ICronTrigger && trigger.JobDataMap.ContainsKey(JobData.ManualRun);

    private string Describe(ITrigger trigger) => trigger switch
    {
        ICronTrigger cron => cron.CronExpressionString ?? "",
        ISimpleTrigger simple when simple.RepeatCount != 0 => L["Every", simple.RepeatInterval.ToString("c")].Value,
        _ => trigger.Description ?? L["Once", trigger.StartTimeUtc.ToLocalTime().ToString("g")].Value,
    };
}
