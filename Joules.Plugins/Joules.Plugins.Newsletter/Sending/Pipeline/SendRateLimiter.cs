using System.Collections.Concurrent;
using System.Diagnostics;

namespace Joules.Plugins.Newsletter.Sending.Pipeline;

/// <summary>Messages per second per SMTP server (<c>IMailSession.ServerKey</c>), shared by every campaign and worker of
/// this process: a token bucket (generic cell rate algorithm) that lets a burst of a tenth of a second through and then
/// spaces messages evenly. Each caller reserves its slot, then waits for it.</summary>
public sealed class SendRateLimiter
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    private sealed class Bucket
    {
        public long TheoreticalArrival;
    }

    /// <summary>Waits until the server may take another message; returns at once for <paramref name="perSecond"/> ≤ 0.</summary>
    public ValueTask WaitAsync(string serverKey, int perSecond, CancellationToken ct)
    {
        if (perSecond <= 0) return ValueTask.CompletedTask;
        var delay = Reserve(serverKey, perSecond, Stopwatch.GetTimestamp());
        return delay <= TimeSpan.Zero ? ValueTask.CompletedTask : new ValueTask(Task.Delay(delay, ct));
    }

    /// <summary>Reserves the next slot at <paramref name="now"/> (Stopwatch ticks); returns how long to wait for it.</summary>
    internal TimeSpan Reserve(string serverKey, int perSecond, long now)
    {
        var bucket = _buckets.GetOrAdd(serverKey, _ => new Bucket());
        var interval = Stopwatch.Frequency / perSecond;
        var burst = Math.Max(1, perSecond / 10);
        var tolerance = interval * (burst - 1);
        long wait;
        lock (bucket)
        {
            var tat = Math.Max(bucket.TheoreticalArrival, now);
            wait = tat - tolerance - now;
            bucket.TheoreticalArrival = tat + interval;
        }
        return wait <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency);
    }
}
