using System.Threading.Channels;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Joules.Plugins.Newsletter.Tracking;

/// <summary>The batching writer between the tracking endpoints and the database. Endpoints hand hits over with
/// <see cref="TryEnqueue"/> (never waiting, never touching the database); one background loop takes whatever has
/// arrived — up to <see cref="MaxBatch"/> hits — classifies hits that came too soon after delivery as machine, and
/// writes them in one transaction with <see cref="TrackingStore"/>. While a batch is written the next one collects, so
/// batches grow with the load. A hit is committed within about <see cref="MaxDelay"/> of its request under normal load.
/// When the queue (<see cref="Capacity"/> hits) is full, hits are dropped and counted, with a warning at most every
/// 10 seconds. Stopping the host (or disposing) writes what is queued.</summary>
public sealed class TrackingWriter : IAsyncDisposable
{
    public const int Capacity = 200_000;
    public const int MaxBatch = 5_000;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(100);

    private readonly Channel<TrackingHit> _channel = Channel.CreateBounded<TrackingHit>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait, AllowSynchronousContinuations = false,
    });
    private readonly TrackingStore _store;
    private readonly CampaignDirectory _campaigns;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<TrackingWriter> _logger;
    private readonly Task _loop;
    private long _dropped;
    private long _lastDropWarning;
    private long _written;
    private long _enqueued;
    private long _failed;

    public TrackingWriter(TrackingStore store, CampaignDirectory campaigns, IServiceScopeFactory scopes, TimeProvider time,
        ILogger<TrackingWriter> logger, IHostApplicationLifetime? lifetime = null)
    {
        _store = store;
        _campaigns = campaigns;
        _scopes = scopes;
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
        lifetime?.ApplicationStopping.Register(() => FlushAsync().AsTask().Wait(TimeSpan.FromSeconds(10)));
    }

    /// <summary>Hits dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Hits committed so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Queues a hit; false (and counted as dropped) when the queue is full.</summary>
    public bool TryEnqueue(in TrackingHit hit)
    {
        if (_channel.Writer.TryWrite(hit))
        {
            Interlocked.Increment(ref _enqueued);
            return true;
        }
        var dropped = Interlocked.Increment(ref _dropped);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastDropWarning);
        if ((last == 0 || now - last >= 10_000) && Interlocked.CompareExchange(ref _lastDropWarning, now, last) == last)
            _logger.LogWarning("Tracking queue full ({Capacity} hits): {Dropped} hits dropped so far", Capacity, dropped);
        return false;
    }

    /// <summary>Waits until every hit queued before the call is committed (or given up), e.g. in tests and at shutdown.</summary>
    public async ValueTask FlushAsync(CancellationToken ct = default)
    {
        var target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _written) + Interlocked.Read(ref _failed) < target && !_loop.IsCompleted)
            await Task.Delay(5, ct);
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<TrackingHit>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var hit)) batch.Add(hit);
            try
            {
                await ClassifyLateMachinesAsync(batch);
                await WriteWithRetryAsync(batch);
                Interlocked.Add(ref _written, batch.Count);
            }
            catch (Exception ex)
            {
                Interlocked.Add(ref _failed, batch.Count);
                _logger.LogError(ex, "Could not store {Count} tracking hits", batch.Count);
            }
            batch.Clear();
        }
    }

    private async Task WriteWithRetryAsync(List<TrackingHit> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _store.WriteAsync(batch);
                return;
            }
            catch (Exception ex) when (attempt < 3)
            {
                _logger.LogWarning(ex, "Storing {Count} tracking hits failed (attempt {Attempt}); retrying", batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    /// <summary>Rule 5 of <see cref="MachineDetector"/>: hits of known subscribers that arrive while the campaign is
    /// still being sent, or within <see cref="MachineDetector.MinimumHumanDelay"/> of its end, are compared with that
    /// recipient's delivery time (one query per campaign and batch; later hits need no lookup).</summary>
    private async Task ClassifyLateMachinesAsync(List<TrackingHit> batch)
    {
        Dictionary<long, HashSet<long>>? candidates = null;
        foreach (var hit in batch)
        {
            if (hit.Machine || hit.SubscriberId is not > 0) continue;
            var info = await _campaigns.GetAsync(hit.CampaignId);
            if (info is null) continue;
            if (info.FinishedAt is { } finished && hit.At - finished >= MachineDetector.MinimumHumanDelay) continue;
            candidates ??= [];
            if (!candidates.TryGetValue(hit.CampaignId, out var set)) candidates[hit.CampaignId] = set = [];
            set.Add(hit.SubscriberId.Value);
        }
        if (candidates is null) return;
        var delivered = new Dictionary<(long, long), DateTimeOffset>();
        await using (var scope = _scopes.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<NewsletterDb>>().CreateDbContextAsync())
        {
            foreach (var (campaignId, subscribers) in candidates)
            {
                foreach (var chunk in subscribers.Chunk(500))
                {
                    var rows = await db.Deliveries.AsNoTracking()
                        .Where(d => d.CampaignId == campaignId && chunk.Contains(d.SubscriberId))
                        .Select(d => new { d.SubscriberId, d.At }).ToListAsync();
                    foreach (var row in rows) delivered[(campaignId, row.SubscriberId)] = row.At;
                }
                // A campaign still sending is read again later for its finish time.
                if (_campaigns.GetAsync(campaignId) is { IsCompletedSuccessfully: true } known && known.Result is { FinishedAt: null } info
                    && _time.GetUtcNow().UtcTicks - info.LoadedAtTicks > CampaignDirectory.RetryAfter.Ticks)
                    _campaigns.Forget(campaignId);
            }
        }
        for (var i = 0; i < batch.Count; i++)
        {
            var hit = batch[i];
            if (hit.Machine || hit.SubscriberId is not > 0) continue;
            if (delivered.TryGetValue((hit.CampaignId, hit.SubscriberId.Value), out var at) && MachineDetector.TooSoonAfterDelivery(at, hit.At))
                batch[i] = hit with { Machine = true };
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Tracking writer did not finish within 30 s; {Count} hits may be lost", _channel.Reader.Count);
        }
    }
}
