using System.Collections.Concurrent;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>A simple per-IP limit for the public subscribe form: at most <see cref="Limit"/> submissions per client
/// address in a sliding window of <see cref="Window"/>. In memory (per server), which is enough to stop a script from
/// filling mailboxes with confirmation mails through one address.</summary>
public sealed class SubscribeRateLimit(TimeProvider clock)
{
    public const int Limit = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _hits = new();

    /// <summary>Counts a submission from <paramref name="ip"/>; false if the address is over the limit.</summary>
    public bool TryAcquire(string? ip)
    {
        var key = string.IsNullOrEmpty(ip) ? "unknown" : ip;
        var now = clock.GetUtcNow();
        var queue = _hits.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            while (queue.Count > 0 && now - queue.Peek() > Window) queue.Dequeue();
            if (queue.Count >= Limit) return false;
            queue.Enqueue(now);
        }
        if (_hits.Count > 10_000) Sweep(now);
        return true;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, queue) in _hits)
        {
            lock (queue)
                if (queue.Count == 0 || now - queue.Last() > Window) _hits.TryRemove(key, out _);
        }
    }
}
