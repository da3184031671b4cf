using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.MarketData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Joules.Core.MarketData;

/// <summary>Settings of market data (appsettings <c>Joules:MarketData</c>).</summary>
public sealed class MarketDataOptions
{
    /// <summary>How long a stored answer is served without asking the provider again (hours; default 24).</summary>
    public double FreshHours { get; set; } = 24;
}

/// <summary>What the tariff calculator asks for market data: the brand's enabled providers in priority order (installed
/// plugins only; without a stored connection the simulator in the demo), falling over to the next provider when one is
/// unavailable. Every answer is stored (<see cref="JoulesDbContext.MarketDataCache"/>); a stored answer younger than
/// <see cref="MarketDataOptions.FreshHours"/> and valid on the requested day is served without a call (from the process's
/// <see cref="MarketDataMemory"/> when it holds it, else from the store); when every provider
/// fails, the newest stored answer valid on the day is served with <see cref="MarketDataSource.Stale"/> and the reasons.
/// Never guesses: without such an answer it throws <see cref="MarketDataUnavailableException"/>.</summary>
public sealed partial class MarketDataService(IMarketDataProviderDirectory directory, MarketDataConnections connections,
    IDbContextFactory<JoulesDbContext> factory, MarketDataMemory memory, TimeProvider time, IOptions<MarketDataOptions> options,
    ILogger<MarketDataService> logger)
{
    /// <summary>Address → grid areas.</summary>
    /// <exception cref="MarketDataUnavailableException">No provider answered and nothing valid is stored.</exception>
    /// <exception cref="MarketDataNotFoundException">Unknown postal code or invalid input.</exception>
    public Task<MarketLocation> LocateAsync(Guid brandId, LocationQuery query, CancellationToken ct = default) =>
        GetAsync(brandId, query, MarketDataStoreJson.Default.MarketLocation, (p, c) => p.LocateAsync(brandId, query, c), ct);

    /// <summary>Grid fees of an area.</summary>
    /// <exception cref="MarketDataUnavailableException">No provider answered and nothing valid is stored.</exception>
    /// <exception cref="MarketDataNotFoundException">Unknown area, no data for the date, or invalid input.</exception>
    public Task<GridFeeSheet> GridFeesAsync(Guid brandId, GridFeeQuery query, CancellationToken ct = default) =>
        GetAsync(brandId, query, MarketDataStoreJson.Default.GridFeeSheet, (p, c) => p.GridFeesAsync(brandId, query, c), ct);

    /// <summary>Levies, taxes and VAT rate.</summary>
    /// <exception cref="MarketDataUnavailableException">No provider answered and nothing valid is stored.</exception>
    /// <exception cref="MarketDataNotFoundException">No data for the date.</exception>
    public Task<LevySheet> LeviesAsync(Guid brandId, LevyQuery query, CancellationToken ct = default) =>
        GetAsync(brandId, query, MarketDataStoreJson.Default.LevySheet, (p, c) => p.LeviesAsync(brandId, query, c), ct);

    /// <summary>The default supply tariff of an area.</summary>
    /// <exception cref="MarketDataUnavailableException">No provider answered and nothing valid is stored.</exception>
    /// <exception cref="MarketDataNotFoundException">Unknown area, no data for the date, or invalid input.</exception>
    public Task<DefaultSupplyTariff> DefaultSupplyAsync(Guid brandId, DefaultSupplyQuery query, CancellationToken ct = default) =>
        GetAsync(brandId, query, MarketDataStoreJson.Default.DefaultSupplyTariff, (p, c) => p.DefaultSupplyAsync(brandId, query, c), ct);

    /// <summary>The competitors' tariffs of an area.</summary>
    /// <exception cref="MarketDataUnavailableException">No provider answered and nothing valid is stored.</exception>
    /// <exception cref="MarketDataNotFoundException">Unknown area, no data for the date, or invalid input.</exception>
    public Task<CompetitorTariffList> CompetitorsAsync(Guid brandId, CompetitorQuery query, CancellationToken ct = default) =>
        GetAsync(brandId, query, MarketDataStoreJson.Default.CompetitorTariffList, (p, c) => p.CompetitorsAsync(brandId, query, c), ct);

    /// <summary>The providers the brand asks, in order: installed, enabled, by priority.</summary>
    public async Task<IReadOnlyList<MarketDataProvider>> ProvidersAsync(Guid brandId, CancellationToken ct = default)
    {
        var available = directory.Available;
        var settings = await connections.SettingsAsync(brandId, ct);
        return settings.Where(s => s.Enabled).OrderBy(s => s.Priority).ThenBy(s => s.Provider, StringComparer.Ordinal)
            .Select(s => available.FirstOrDefault(p => p.Id == s.Provider)).OfType<MarketDataProvider>().ToList();
    }

    /// <summary>The store key of <paramref name="query"/>'s answer from <paramref name="provider"/> valid from <paramref name="validFrom"/>.</summary>
    public static string StoreKey(string provider, MarketDataQuery query, DateOnly validFrom) =>
        $"{StorePrefix(provider, query)}{validFrom:yyyy-MM-dd}";

    private static string StorePrefix(string provider, MarketDataQuery query) => $"{provider}|{query.RequestKey}|";

    private async Task<T> GetAsync<T>(Guid brandId, MarketDataQuery query, JsonTypeInfo<T> type, Func<IMarketDataProvider, CancellationToken, Task<T>> call,
        CancellationToken ct) where T : class, IMarketDataAnswer
    {
        query.Validate();
        var now = time.GetUtcNow();
        var date = query.Date ?? DateOnly.FromDateTime(now.UtcDateTime);
        var providers = await ProvidersAsync(brandId, ct);
        var fresh = now - TimeSpan.FromHours(Math.Max(0, options.Value.FreshHours));

        foreach (var provider in providers)
        {
            if (memory.Find<T>(StorePrefix(provider.Id, query), date, fresh) is { } held)
                return WithSource(held, held.Source with { FromStore = true });
        }
        foreach (var provider in providers)
        {
            var stored = await NewestStoredAsync(provider.Id, query, date, ct);
            if (stored is not null && stored.FetchedAt >= fresh && Read(stored, type) is { } answer)
            {
                memory.Keep(StorePrefix(provider.Id, query), answer);
                return WithSource(answer, answer.Source with { FromStore = true });
            }
        }

        var reasons = new List<string>();
        foreach (var provider in providers)
        {
            try
            {
                var answer = await directory.CallAsync(provider.Id, p => call(p, ct), ct);
                await StoreAsync(provider.Id, query, answer, type, ct);
                memory.Keep(StorePrefix(provider.Id, query), answer);
                return answer;
            }
            catch (MarketDataUnavailableException e)
            {
                LogProviderFailed(provider.Id, query.Kind, e.Message);
                reasons.Add(e.Message);
            }
        }
        if (providers.Count == 0) reasons.Add(CoreText.Get("MarketData.NoProvider"));

        var reason = string.Join(" ", reasons);
        MarketDataCacheEntry? newest = null;
        foreach (var provider in MarketDataProviders.All)
            if (await NewestStoredAsync(provider.Id, query, date, ct) is { } e && (newest is null || e.FetchedAt > newest.FetchedAt))
                newest = e;
        if (newest is not null && Read(newest, type) is { } stale)
        {
            LogServedStale(query.Kind, newest.Provider, newest.FetchedAt);
            return WithSource(stale, stale.Source with { FromStore = true, Stale = true, StaleReason = reason });
        }
        throw new MarketDataUnavailableException(CoreText.Format("MarketData.AllUnavailable", date.ToString("dd.MM.yyyy"), reason));
    }

    private async Task<MarketDataCacheEntry?> NewestStoredAsync(string provider, MarketDataQuery query, DateOnly date, CancellationToken ct)
    {
        var prefix = StorePrefix(provider, query);
        var kind = query.Kind;
        await using var db = await factory.CreateDbContextAsync(ct);
        var entries = await db.MarketDataCache.AsNoTracking()
            .Where(e => e.Kind == kind && e.Provider == provider && e.Key.StartsWith(prefix) && e.ValidFrom <= date && e.ValidTo >= date)
            .ToListAsync(ct);
        return entries.OrderByDescending(e => e.FetchedAt).FirstOrDefault();
    }

    private async Task StoreAsync<T>(string provider, MarketDataQuery query, T answer, JsonTypeInfo<T> type, CancellationToken ct)
        where T : class, IMarketDataAnswer
    {
        var source = answer.Source;
        var key = StoreKey(provider, query, source.ValidFrom);
        var payload = JsonSerializer.Serialize(answer, type);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var entry = await db.MarketDataCache.FirstOrDefaultAsync(e => e.Key == key, ct);
            if (entry is null)
                db.MarketDataCache.Add(MarketDataCacheEntry.Create(key, provider, query.Kind, payload, source.ValidFrom, source.ValidTo, source.PublishedAt,
                    source.FetchedAt));
            else
                entry.Refresh(payload, source.ValidFrom, source.ValidTo, source.PublishedAt, source.FetchedAt);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Two calls stored the same answer at once: the other one's entry is as good.
            LogStoreFailed(key, e.Message);
        }
    }

    private T? Read<T>(MarketDataCacheEntry entry, JsonTypeInfo<T> type) where T : class
    {
        try { return JsonSerializer.Deserialize(entry.Payload, type); }
        catch (JsonException e)
        {
            LogStoreFailed(entry.Key, e.Message);
            return null;
        }
    }

    private static T WithSource<T>(T answer, MarketDataSource source) where T : class, IMarketDataAnswer => answer switch
    {
        MarketLocation a => (T)(object)(a with { Source = source }),
        GridFeeSheet a => (T)(object)(a with { Source = source }),
        LevySheet a => (T)(object)(a with { Source = source }),
        DefaultSupplyTariff a => (T)(object)(a with { Source = source }),
        CompetitorTariffList a => (T)(object)(a with { Source = source }),
        _ => answer,
    };

    [LoggerMessage(1, LogLevel.Warning, "Market data {Kind} at {Provider} unavailable: {Reason}")]
    private partial void LogProviderFailed(string provider, string kind, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Market data {Kind}: every provider failed, served the stored answer of {Provider} fetched {FetchedAt}")]
    private partial void LogServedStale(string kind, string provider, DateTimeOffset fetchedAt);

    [LoggerMessage(3, LogLevel.Warning, "Market data store entry {Key} not written or not readable: {Error}")]
    private partial void LogStoreFailed(string key, string error);
}
