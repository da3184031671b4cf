using System.Globalization;
using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Joules.Plugins.Newsletter.Campaigns;

public partial class CampaignProgressPanel
{
    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private CampaignService Campaigns { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter, EditorRequired] public long CampaignId { get; set; }

    /// <summary>Called when the campaign leaves Sending/Paused/A-B waiting (the editor reloads).</summary>
    [Parameter] public EventCallback<CampaignStatus> OnFinished { get; set; }

    /// <summary>Refresh interval (tests make it shorter).</summary>
    [Parameter] public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private CampaignStatus _status = CampaignStatus.Sending;
    private SendPhase _phase;
    private int _toSend, _sent, _failed;
    private double _rate;
    private TimeSpan? _remaining;
    private DateTimeOffset? _decideAt;
    private byte? _winner;
    private string? _lastError;
    private string? _commandError;
    private (DateTimeOffset At, int Done)? _lastSample;

    private ICampaignCommands? Commands => Services.GetService<ICampaignCommands>();
    private bool CanCommand => Commands is not null && Campaigns.CanWrite;

    private double Percent => _toSend <= 0 ? 0 : Math.Min(100, 100.0 * (_sent + _failed) / _toSend);

    private static string N(int n) => n.ToString("N0", CultureInfo.CurrentCulture);

    private string RemainingText => _remaining is not { } r ? "–"
        : r.TotalHours >= 1 ? L["Hours", (int)r.TotalHours, r.Minutes] : r.TotalMinutes >= 1 ? L["Minutes", (int)r.TotalMinutes, r.Seconds] : L["Seconds", Math.Max(0, (int)Math.Ceiling(r.TotalSeconds))];

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        _ = LoopAsync();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await InvokeAsync(async () =>
                {
                    await RefreshAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) { /* page closed */ }
        catch (ObjectDisposedException) { /* circuit gone */ }
    }

    private async Task RefreshAsync()
    {
        var row = await Campaigns.FindAsync(CampaignId, _stop.Token);
        if (row is null) return;
        var live = Services.GetService<ICampaignProgress>()?.Get(CampaignId);
        _status = live?.Status ?? row.Status;
        _phase = live?.Phase ?? row.Phase;
        _toSend = live?.ToSend ?? row.ToSend;
        _sent = live?.Sent ?? row.SentCount;
        _failed = live?.Failed ?? row.FailedCount;
        _decideAt = row.AbDecideAt;
        _winner = row.AbWinner;
        _lastError = row.LastError;
        if (live is not null)
        {
            _rate = live.MailsPerSecond;
            _remaining = live.Remaining;
        }
        else
        {
            // Fallback from the row's counters: the rate between two refreshes.
            var now = DateTimeOffset.UtcNow;
            var done = _sent + _failed;
            if (_lastSample is { } last && now > last.At)
                _rate = Math.Max(0, (done - last.Done) / (now - last.At).TotalSeconds);
            _lastSample = (now, done);
            _remaining = _rate > 0 && _status == CampaignStatus.Sending ? TimeSpan.FromSeconds(Math.Max(0, _toSend - done) / _rate) : null;
        }
        if (_status is not (CampaignStatus.Sending or CampaignStatus.Paused or CampaignStatus.AbTestWaiting))
        {
            await _stop.CancelAsync();
            await OnFinished.InvokeAsync(_status);
        }
    }

    private Task PauseAsync() => RunAsync(c => c.PauseAsync(CampaignId));

    private Task ResumeAsync() => RunAsync(c => c.ResumeAsync(CampaignId));

    private async Task CancelAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["CancelTitle"], L["CancelText", N(Math.Max(0, _toSend - _sent - _failed))],
            yesText: L["CancelYes"], cancelText: L["CancelNo"]);
        if (confirmed != true) return;
        await RunAsync(c => c.CancelAsync(CampaignId));
    }

    private async Task RunAsync(Func<ICampaignCommands, Task> command)
    {
        _commandError = null;
        if (Commands is not { } commands) return;
        try
        {
            await command(commands);
            await RefreshAsync();
        }
        catch (DomainException e)
        {
            _commandError = e.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
