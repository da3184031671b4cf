using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Joules.Core.Messaging.Outbox;

/// <summary>Runs the <see cref="OutboxSender"/> in the background: right after a save queued messages
/// (<see cref="OutboxSignal"/>), and every two seconds for retries and for messages left behind by a process that died.</summary>
public sealed class OutboxSendService(OutboxSender sender, ILogger<OutboxSendService> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _signal = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void OnSignal() { if (_signal.CurrentCount == 0) _signal.Release(); }
        OutboxSignal.Signalled += OnSignal;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try { await sender.SendPendingAsync(stoppingToken); }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { logger.LogError(ex, "Sending outbox messages failed"); }
                try { await _signal.WaitAsync(PollInterval, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
        finally { OutboxSignal.Signalled -= OnSignal; }
    }
}
