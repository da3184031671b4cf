using System.Globalization;
using Bunit;
using Joules.Core.Domain.Plugins;
using Joules.Host.Features.Jobs;
using Joules.Host.Plugins;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.Jobs;

public sealed class JobListTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly FakeJobs _jobs = new();

    public JobListTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddLogging();
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.Services.AddSingleton<IJobAdministration>(_jobs);
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    [Fact]
    public void Shows_a_failed_run_in_red_with_its_message_and_a_paused_job_as_paused()
    {
        _jobs.Items.Add(new JobSummary { Group = "newsletter", Name = "send", DisplayName = "Newsletter versenden", PluginId = "newsletter", Schedule = "0 0/5 * * * ?",
            LastOutcome = JobRunOutcome.Failed, LastMessage = "SMTP-Server nicht erreichbar", LastRun = DateTimeOffset.UtcNow });
        _jobs.Items.Add(new JobSummary { Group = "transfers", Name = "a1", DisplayName = "Nachtimport", Schedule = "0 0 2 * * ?", Paused = true });

        var page = _ctx.Render<JobList>();

        var outcome = page.FindAll("[data-testid=job-outcome]")[0];
        outcome.TextContent.ShouldContain("Fehlgeschlagen");
        outcome.InnerHtml.ShouldContain("mud-error-text");
        outcome.TextContent.ShouldContain("SMTP-Server nicht erreichbar");
        page.Find("[data-testid=job-paused]").TextContent.ShouldContain("Pausiert");
        page.Find("[data-testid=job-resume]");
        page.Markup.ShouldContain("Joules");
    }

    [Fact]
    public void Run_now_pause_and_resume_call_the_administration()
    {
        _jobs.Items.Add(new JobSummary { Group = "host", Name = "cleanup", DisplayName = "Aufräumen", Schedule = "0 0 1 * * ?" });
        _jobs.Items.Add(new JobSummary { Group = "host", Name = "sync", DisplayName = "Abgleich", Schedule = "0 0 3 * * ?", Paused = true });
        var page = _ctx.Render<JobList>();

        page.FindAll("[data-testid=job-run]")[0].Click();
        page.Find("[data-testid=job-pause]").Click();
        page.Find("[data-testid=job-resume]").Click();

        page.WaitForAssertion(() => _jobs.Calls.ShouldBe(["run:host.cleanup", "pause:host.cleanup", "resume:host.sync"]));
    }

    [Fact]
    public void Empty_list_says_so()
    {
        var page = _ctx.Render<JobList>();

        page.Find("[data-testid=job-table]").TextContent.ShouldContain("Keine geplanten Aufgaben");
    }

    private sealed class FakeJobs : IJobAdministration
    {
        public List<JobSummary> Items { get; } = [];
        public List<string> Calls { get; } = [];

        public Task<IReadOnlyList<JobSummary>> ListAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<JobSummary>>(Items.ToList());
        public Task RunNowAsync(string group, string name, CancellationToken ct = default) => Record($"run:{group}.{name}");
        public Task PauseAsync(string group, string name, CancellationToken ct = default) => Record($"pause:{group}.{name}");
        public Task ResumeAsync(string group, string name, CancellationToken ct = default) => Record($"resume:{group}.{name}");
        public Task<IReadOnlyList<JobRun>> HistoryAsync(string group, string name, int take = 20, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<JobRun>>([]);

        private Task Record(string call) { Calls.Add(call); return Task.CompletedTask; }
    }
}
