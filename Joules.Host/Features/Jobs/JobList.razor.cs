using Joules.Core.Domain.Common;
using Joules.Core.Domain.Plugins;
using Joules.Host.Plugins;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Joules.Host.Features.Jobs;

/// <summary>Every scheduled job of host and plugins; refreshes itself every few seconds while open.</summary>
public partial class JobList
{
    private const int RefreshSeconds = 5;

    [Inject] private IJobAdministration Jobs { get; set; } = default!;
    [Inject] private IStringLocalizer<JobList> L { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<JobList> Logger { get; set; } = default!;

    private readonly CancellationTokenSource _stop = new();
    private PeriodicTimer? _timer;
    private Task? _refreshLoop;
    private IReadOnlyList<JobSummary>? _jobs;
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _timer = new PeriodicTimer(TimeSpan.FromSeconds(RefreshSeconds));
        _refreshLoop = RefreshLoopAsync(_timer, _stop.Token);
    }

    private async Task RefreshLoopAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                await InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); });
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        catch (Exception ex) { Logger.LogWarning(ex, "Refreshing the jobs list stopped"); }
    }

    private async Task LoadAsync()
    {
        try
        {
            _jobs = await Jobs.ListAsync(_stop.Token);
            _error = null;
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "Could not list the jobs");
            _error = L["LoadFailed", ex.Message];
            _jobs ??= [];
        }
    }

    private Task RefreshAsync() => LoadAsync();

    private static Color OutcomeColor(JobRunOutcome outcome) => outcome switch
    {
        JobRunOutcome.Succeeded => Color.Success,
        JobRunOutcome.Failed => Color.Error,
        _ => Color.Warning,
    };

    private Task RunNowAsync(JobSummary job) => ActAsync(() => Jobs.RunNowAsync(job.Group, job.Name), L["Started", job.DisplayName]);
    private Task PauseAsync(JobSummary job) => ActAsync(() => Jobs.PauseAsync(job.Group, job.Name), L["PausedDone", job.DisplayName]);
    private Task ResumeAsync(JobSummary job) => ActAsync(() => Jobs.ResumeAsync(job.Group, job.Name), L["Resumed", job.DisplayName]);

    private async Task ActAsync(Func<Task> action, string done)
    {
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
        }
        catch (DomainException ex) { Snackbar.Add(ex.Message, Severity.Error); }
        await LoadAsync();
    }

    private async Task HistoryAsync(JobSummary job)
    {
        var parameters = new DialogParameters<JobHistoryDialog> { { d => d.Job, job } };
        await Dialogs.ShowAsync<JobHistoryDialog>(L["HistoryTitle", job.DisplayName], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _timer?.Dispose();
        if (_refreshLoop is not null) await _refreshLoop;
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
