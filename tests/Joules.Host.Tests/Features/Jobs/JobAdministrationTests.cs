using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Plugins;
using Joules.Host.Plugins;
using Joules.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Joules.Host.Tests.Features.Jobs;

/// <summary>The jobs list against the real host: its Quartz scheduler (with the run recorder) and its SQLite file.</summary>
public sealed class JobAdministrationTests : IClassFixture<JoulesAppFactory>
{
    private const string Group = "test-plugin";
    private readonly JoulesAppFactory _app;

    public JobAdministrationTests(JoulesAppFactory app)
    {
        _app = app;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
    }

    private async Task<JobKey> AddJobAsync<TJob>(string name, string? cron = null, string? displayName = null) where TJob : IJob
    {
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var builder = JobBuilder.Create<TJob>().WithIdentity(name, Group).StoreDurably().UsingJobData(Joules.Host.Features.Jobs.JobData.PluginId, Group);
        if (displayName is not null) builder = builder.UsingJobData(Joules.Host.Features.Jobs.JobData.DisplayName, displayName);
        var job = builder.Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing);
        if (cron is not null)
            await scheduler.ScheduleJob(TriggerBuilder.Create().ForJob(job).WithIdentity(name, Group).WithCronSchedule(cron).Build(), default);
        return job.Key;
    }

    private async Task<T> WithAdminAsync<T>(Func<IJobAdministration, Task<T>> work)
    {
        T result = default!;
        await _app.WithScopeAsync(async sp => result = await work(sp.GetRequiredService<IJobAdministration>()));
        return result;
    }

    private async Task<JobRun> RunAndWaitAsync(JobKey key)
    {
        await WithAdminAsync(async a => { await a.RunNowAsync(key.Group, key.Name); return 0; });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var runs = await WithAdminAsync(a => a.HistoryAsync(key.Group, key.Name));
            if (runs.FirstOrDefault() is { Outcome: not null } run) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The job did not finish.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_job_that_throws_is_listed_as_failed_with_its_message()
    {
        var key = await AddJobAsync<ThrowingJob>("throws");

        var run = await RunAndWaitAsync(key);

        run.Outcome.ShouldBe(JobRunOutcome.Failed);
        run.Message!.ShouldContain("Server nicht erreichbar");
        run.Manual.ShouldBeTrue();
        var listed = (await WithAdminAsync(a => a.ListAsync())).Single(j => j.Group == Group && j.Name == "throws");
        listed.LastOutcome.ShouldBe(JobRunOutcome.Failed);
        listed.LastMessage!.ShouldContain("Server nicht erreichbar");
        listed.LastRun.ShouldNotBeNull();
        listed.PluginId.ShouldBe(Group);
    }

    [Fact]
    public async Task A_job_reporting_a_skipped_result_is_listed_as_skipped()
    {
        var key = await AddJobAsync<SkippingJob>("skips");

        var run = await RunAndWaitAsync(key);

        run.Outcome.ShouldBe(JobRunOutcome.Skipped);
        run.Message.ShouldBe("Plugin nicht lizenziert");
        var listed = (await WithAdminAsync(a => a.ListAsync())).Single(j => j.Name == "skips");
        listed.LastOutcome.ShouldBe(JobRunOutcome.Skipped);
        listed.LastMessage.ShouldBe("Plugin nicht lizenziert");
    }

    [Fact]
    public async Task Run_now_runs_the_job_and_a_string_result_is_a_success_message()
    {
        var key = await AddJobAsync<CountingJob>("counts", cron: "0 0 3 * * ?");
        var before = CountingJob.Runs;

        var run = await RunAndWaitAsync(key);

        CountingJob.Runs.ShouldBeGreaterThan(before);
        run.Outcome.ShouldBe(JobRunOutcome.Succeeded);
        run.Message.ShouldBe("12 Datensätze übertragen");
        await _app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JoulesDbContext>();
            (await db.AuditEntries.AnyAsync(e => e.Action == "JobRunNow" && e.EntityId == Group + ".counts")).ShouldBeTrue();
        });
    }

    [Fact]
    public async Task Pause_and_resume_change_the_state_and_the_next_run()
    {
        await AddJobAsync<CountingJob>("nightly", cron: "0 0 2 * * ?", displayName: "Nächtlicher Abgleich|Nightly sync");

        var active = (await WithAdminAsync(a => a.ListAsync())).Single(j => j.Name == "nightly");
        active.Paused.ShouldBeFalse();
        active.NextRun.ShouldNotBeNull();
        active.Schedule.ShouldBe("0 0 2 * * ?");
        active.DisplayName.ShouldBe("Nächtlicher Abgleich");

        await WithAdminAsync(async a => { await a.PauseAsync(Group, "nightly"); return 0; });
        var paused = (await WithAdminAsync(a => a.ListAsync())).Single(j => j.Name == "nightly");
        paused.Paused.ShouldBeTrue();
        paused.NextRun.ShouldBeNull();

        await WithAdminAsync(async a => { await a.ResumeAsync(Group, "nightly"); return 0; });
        var resumed = (await WithAdminAsync(a => a.ListAsync())).Single(j => j.Name == "nightly");
        resumed.Paused.ShouldBeFalse();
        resumed.NextRun.ShouldNotBeNull();

        await _app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JoulesDbContext>();
            var actions = await db.AuditEntries.Where(e => e.EntityId == Group + ".nightly").Select(e => e.Action).ToListAsync();
            actions.ShouldContain("JobPaused");
            actions.ShouldContain("JobResumed");
        });
    }

    [Fact]
    public async Task Display_name_follows_the_UI_language()
    {
        await AddJobAsync<CountingJob>("bilingual", displayName: "Nächtlicher Abgleich|Nightly sync");

        CultureInfo.CurrentUICulture = new CultureInfo("en-GB");
        var english = (await WithAdminAsync(a => a.ListAsync())).Single(j => j.Name == "bilingual");

        english.DisplayName.ShouldBe("Nightly sync");
    }

    [Fact]
    public async Task Actions_on_an_unknown_job_are_refused()
    {
        var ex = await Should.ThrowAsync<Joules.Core.Domain.Common.DomainException>(() => WithAdminAsync(async a => { await a.PauseAsync(Group, "missing"); return 0; }));
        ex.Message.ShouldContain("missing");
    }

    public sealed class ThrowingJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Server nicht erreichbar");
    }

    public sealed class SkippingJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            context.Result = new JobResult(JobRunOutcome.Skipped, "Plugin nicht lizenziert");
            return ValueTask.CompletedTask;
        }
    }

    public sealed class CountingJob : IJob
    {
        private static int _runs;
        public static int Runs => Volatile.Read(ref _runs);

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            context.Result = "12 Datensätze übertragen";
            return ValueTask.CompletedTask;
        }
    }
}
