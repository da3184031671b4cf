using Joules.Core.Messaging;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Sending.Composition;
using Joules.Plugins.Newsletter.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Plugins.Newsletter.Sending.Pipeline;

/// <summary>Runs the campaigns this process sends, each as a background task (<see cref="CampaignRun"/>), and reports their
/// live progress. Disposing (shutdown, plugin stop) stops every run the way a pause does: sends under way finish and are
/// recorded, so the campaign resumes after a restart without sending anybody twice.</summary>
public sealed class CampaignDispatcher(IServiceScopeFactory scopes, ComposerFactory composers, IMailSessionFactory sessions,
    SendRateLimiter limiter, ILogger<CampaignDispatcher> log) : ICampaignProgress, IAsyncDisposable
{
    private static readonly TimeSpan StopWait = TimeSpan.FromMinutes(3);
    private readonly object _lock = new();
    private readonly Dictionary<long, CampaignRun> _runs = [];
    private IDbContextFactory<NewsletterDb>? _factory;
    private IServiceScope? _scope;
    private bool _disposed;

    /// <summary>Test hook: called right after the SMTP server accepted a campaign mail (campaign, subscriber).</summary>
    internal Action<long, long>? Accepted { get; set; }

    /// <summary>True while this process sends the campaign.</summary>
    public bool IsRunning(long campaignId)
    {
        lock (_lock) return _runs.TryGetValue(campaignId, out var run) && !run.Completion.IsCompleted;
    }

    /// <summary>Starts sending the campaign (status "Sending") unless this process already does; a run that is still
    /// stopping is awaited first.</summary>
    public async Task StartAsync(long campaignId)
    {
        CampaignRun? previous;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_runs.TryGetValue(campaignId, out previous) && !previous.Stopping && !previous.Completion.IsCompleted) return;
        }
        if (previous is not null) await previous.Completion;
        lock (_lock)
        {
            if (_disposed) return;
            // A finished run leaves at once, without waiting for its clean-up continuation (a busy thread pool may run
            // that later): a resume right after a pause must start the new run.
            if (_runs.TryGetValue(campaignId, out var current) && current.Completion.IsCompleted) _runs.Remove(campaignId);
            if (_runs.ContainsKey(campaignId)) return;
            var run = new CampaignRun(campaignId, Factory(), composers, sessions, limiter, log);
            if (Accepted is { } accepted) run.Accepted = id => accepted(campaignId, id);
            _runs[campaignId] = run;
            run.Start();
            _ = run.Completion.ContinueWith(_ =>
            {
                lock (_lock) if (_runs.TryGetValue(campaignId, out var registered) && registered == run) _runs.Remove(campaignId);
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Stops the campaign's run (if any) and waits until its in-flight sends are recorded.</summary>
    public async Task StopAsync(long campaignId, CancellationToken ct = default)
    {
        CampaignRun? run;
        lock (_lock) _runs.TryGetValue(campaignId, out run);
        if (run is null) return;
        run.Stop();
        await run.Completion.WaitAsync(StopWait, ct).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Waits until the campaign's current run has ended (tests, benchmark).</summary>
    public Task WhenIdleAsync(long campaignId)
    {
        lock (_lock) return _runs.TryGetValue(campaignId, out var run) ? run.Completion : Task.CompletedTask;
    }

    public CampaignProgress? Get(long campaignId)
    {
        lock (_lock) return _runs.TryGetValue(campaignId, out var run) ? run.Progress() : null;
    }

    private IDbContextFactory<NewsletterDb> Factory()
    {
        if (_factory is not null) return _factory;
        // A scope of our own: no signed-in user, so the contexts act as the system user (all brands).
        _scope = scopes.CreateScope();
        return _factory = _scope.ServiceProvider.GetRequiredService<IDbContextFactory<NewsletterDb>>();
    }

    public async ValueTask DisposeAsync()
    {
        CampaignRun[] runs;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            runs = [.. _runs.Values];
        }
        foreach (var run in runs) run.Stop();
        await Task.WhenAll(runs.Select(r => r.Completion)).WaitAsync(StopWait).ContinueWith(_ => { }, TaskScheduler.Default);
        _scope?.Dispose();
    }
}
