using Joules.Core.Domain.Plugins;
using Joules.Core.Tenancy;
using Quartz;

namespace Joules.Host.Plugins.Runtime;

/// <summary>The one host job type Quartz stores for plugin jobs: it finds the plugin's current instance and runs the
/// plugin's job type from the plugin's container in a new scope. A plugin that is not running (unlicensed, read-only,
/// disabled, faulted or removed) is skipped, with the reason as the run's result.</summary>
[DisallowConcurrentExecution]
internal sealed class PluginJobRunner(PluginRegistry registry, IServiceProvider hostRoot) : IJob
{
    public const string PluginIdKey = "pluginId", JobKeyKey = "jobKey", DisplayNameKey = "displayName";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var pluginId = context.MergedJobDataMap.GetString(PluginIdKey)!;
        var key = context.MergedJobDataMap.GetString(JobKeyKey)!;
        var plugin = registry.Find(pluginId);
        var job = plugin?.Contributions.Jobs.FirstOrDefault(j => j.Key == key);
        if (plugin is null || job is null || !plugin.IsRunning)
        {
            context.Result = new JobResult(JobRunOutcome.Skipped, plugin is null || job is null
                ? $"Plugin {pluginId} oder Job {key} ist nicht mehr installiert."
                : $"Plugin {pluginId}: {plugin.State} — {plugin.Fault ?? plugin.Licence.Reason}");
            return;
        }
        await using var scope = PluginScope.Create(plugin, hostRoot);
        scope.Host.GetRequiredService<CurrentUserAccessor>().User = new SystemUser($"plugin:{pluginId}");
        var instance = (IJob)scope.Services.GetRequiredService(job.JobType);
        await instance.Execute(context, cancellationToken);
    }
}

/// <summary>Adds and removes the Quartz jobs of plugins; the job group is the plugin id.</summary>
internal sealed class PluginJobScheduler(ISchedulerFactory schedulers, ILogger<PluginJobScheduler> logger)
{
    public async Task ScheduleAsync(PluginInstance plugin, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await UnscheduleAsync(plugin.Id, ct);
        foreach (var job in plugin.Contributions.Jobs)
        {
            var detail = JobBuilder.Create<PluginJobRunner>()
                .WithIdentity(job.Key, plugin.Id)
                .WithDescription(job.DisplayName.German)
                .UsingJobData(PluginJobRunner.PluginIdKey, plugin.Id)
                .UsingJobData(PluginJobRunner.JobKeyKey, job.Key)
                .UsingJobData(PluginJobRunner.DisplayNameKey, job.DisplayName.German + "|" + job.DisplayName.English)
                .StoreDurably()
                .Build();
            var trigger = TriggerBuilder.Create().ForJob(detail).WithIdentity(job.Key, plugin.Id)
                .WithCronSchedule(job.Cron, c => c.InTimeZone(TimeZoneInfo.Local).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                .Build();
            await scheduler.ScheduleJob(detail, trigger, default, ct);
            if (job.RunOnActivation) await scheduler.TriggerJob(detail.Key, ct);
        }
        if (plugin.Contributions.Jobs.Count > 0)
            logger.LogInformation("Scheduled {Count} job(s) of plugin {Plugin}", plugin.Contributions.Jobs.Count, plugin.Id);
    }

    public async Task UnscheduleAsync(string pluginId, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var keys = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(pluginId), ct);
        if (keys.Count > 0) await scheduler.DeleteJobs(keys, ct);
    }
}
