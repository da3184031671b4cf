using System.Collections.Concurrent;

namespace Joules.Core.MarketData;

/// <summary>The process's copy of stored market data answers, in front of the database store: the tariff calculator asks
/// for five answers per calculation, and reading and parsing them from the store each time would cost more than the whole
/// calculation. Answers are keyed like the store (provider and request, without the date) and held with their validity
/// and fetch time, so <see cref="MarketDataService"/> applies the same freshness rule to both. Held answers are
/// immutable records shared between callers. The number of requests held is bounded; when full, the copy starts over
/// (the store still has everything).</summary>
public sealed class MarketDataMemory
{
    /// <summary>Largest number of requests held (about 1 KB each; competitor lists up to about 10 KB).</summary>
    public const int Capacity = 40_000;

    /// <summary>Answers held per request: one per validity period (e.g. this year's and next year's grid fees).</summary>
    private const int PeriodsPerRequest = 4;

    private readonly ConcurrentDictionary<string, Held[]> _answers = new(StringComparer.Ordinal);

    /// <summary>An answer as held: the answer and the facts the freshness rule needs.</summary>
    private sealed record Held(IMarketDataAnswer Answer, DateOnly ValidFrom, DateOnly ValidTo, DateTimeOffset FetchedAt);

    /// <summary>Number of requests held.</summary>
    public int Count => _answers.Count;

    /// <summary>The newest answer held for <paramref name="key"/> valid on <paramref name="date"/> and fetched at or
    /// after <paramref name="freshSince"/>; null if there is none.</summary>
    public T? Find<T>(string key, DateOnly date, DateTimeOffset freshSince) where T : class, IMarketDataAnswer
    {
        if (!_answers.TryGetValue(key, out var held)) return null;
        Held? best = null;
        foreach (var h in held)
            if (h.ValidFrom <= date && date <= h.ValidTo && h.FetchedAt >= freshSince && (best is null || h.FetchedAt > best.FetchedAt))
                best = h;
        return best?.Answer as T;
    }

    /// <summary>Holds <paramref name="answer"/> for <paramref name="key"/>, replacing one of the same validity start.</summary>
    public void Keep(string key, IMarketDataAnswer answer)
    {
        var source = answer.Source;
        var held = new Held(answer, source.ValidFrom, source.ValidTo, source.FetchedAt);
        if (_answers.Count >= Capacity && !_answers.ContainsKey(key)) _answers.Clear();
        _answers.AddOrUpdate(key, static (_, h) => [h], static (_, existing, h) =>
        {
            var others = existing.Where(e => e.ValidFrom != h.ValidFrom).OrderByDescending(e => e.ValidFrom).Take(PeriodsPerRequest - 1);
            return [h, .. others];
        }, held);
    }

    /// <summary>Forgets every held answer (the store is not touched).</summary>
    public void Clear() => _answers.Clear();
}
