using System.Collections.Concurrent;

namespace Joules.Core.Tenancy;

/// <summary>Keeps per-brand configuration that every credit check, calculation or send reads (settings, routes, rules,
/// connections) in memory. An entry is dropped when a save in this process touches an
/// <see cref="Domain.Common.IBrandConfiguration"/> of the brand, and after <see cref="MaxAge"/> at the latest, so
/// changes saved by another node of the installation apply within that time. Cached values are shared between
/// threads: callers must not modify them.</summary>
public sealed class BrandConfigurationCache(TimeProvider time)
{
    private static readonly ConcurrentDictionary<Guid, long> Versions = new();
    private readonly ConcurrentDictionary<(string Key, Guid BrandId), Entry> _entries = new();

    /// <summary>How long an entry lives without a local change.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    /// <summary>The cached value of <paramref name="key"/> for <paramref name="brandId"/>, loaded by
    /// <paramref name="load"/> when missing, stale or invalidated.</summary>
    public async Task<T> GetAsync<T>(string key, Guid brandId, Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        var version = Versions.GetValueOrDefault(brandId);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue((key, brandId), out var entry) && entry.Version == version && now - entry.LoadedAt < MaxAge)
            return (T)entry.Value!;
        var value = await load(ct);
        // A change saved while loading bumped the version: keep the value out of the cache, the next read loads again.
        if (Versions.GetValueOrDefault(brandId) == version) _entries[(key, brandId)] = new Entry(value, version, now);
        return value;
    }

    /// <summary>Marks the cached configuration of <paramref name="brandId"/> as changed (called after every save that
    /// touched it).</summary>
    public static void Invalidate(Guid brandId) => Versions.AddOrUpdate(brandId, 1, static (_, v) => v + 1);

    private sealed record Entry(object? Value, long Version, DateTimeOffset LoadedAt);
}
