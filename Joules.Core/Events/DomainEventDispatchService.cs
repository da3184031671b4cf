using Joules.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Joules.Core.Events;

/// <summary>Runs the <see cref="DomainEventDispatcher"/> in the background: right after a save stored events,
/// and every few seconds for retries and for events left behind by a process that died.</summary>
public sealed class DomainEventDispatchService(DomainEventDispatcher dispatcher, ILogger<DomainEventDispatchService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void OnStored() { if (_signal.CurrentCount == 0) _signal.Release(); }
        JoulesDbContext.EventsStored += OnStored;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try { await dispatcher.DispatchPendingAsync(stoppingToken); }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { logger.LogError(ex, "Dispatching domain events failed"); }
                try { await _signal.WaitAsync(TimeSpan.FromSeconds(3), stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
        finally { JoulesDbContext.EventsStored -= OnStored; }
    }
}
