using Joules.Core.Domain.MarketData;

namespace Joules.Core.MarketData;

/// <summary>A market data provider's adapter; one plugin per provider implements it (usually in one line over
/// <see cref="HttpMarketDataProvider"/>). Every call uses the brand's connection.</summary>
public interface IMarketDataProvider
{
    /// <summary>Which provider this is (one of <see cref="MarketDataProviders.All"/>).</summary>
    MarketDataProvider Descriptor { get; }

    /// <summary>Address → grid areas.</summary>
    /// <exception cref="MarketDataUnavailableException">Timeout, 5xx, malformed answer, open circuit, refused key, not configured.</exception>
    /// <exception cref="MarketDataNotFoundException">Unknown postal code, no data for the date, or invalid input.</exception>
    Task<MarketLocation> LocateAsync(Guid brandId, LocationQuery query, CancellationToken ct);

    /// <summary>Grid fees of an area.</summary>
    /// <exception cref="MarketDataUnavailableException">The provider could not answer.</exception>
    /// <exception cref="MarketDataNotFoundException">Unknown area, no data for the date, or invalid input.</exception>
    Task<GridFeeSheet> GridFeesAsync(Guid brandId, GridFeeQuery query, CancellationToken ct);

    /// <summary>Levies, taxes and VAT rate.</summary>
    /// <exception cref="MarketDataUnavailableException">The provider could not answer.</exception>
    /// <exception cref="MarketDataNotFoundException">No data for the date.</exception>
    Task<LevySheet> LeviesAsync(Guid brandId, LevyQuery query, CancellationToken ct);

    /// <summary>The default supply tariff of an area.</summary>
    /// <exception cref="MarketDataUnavailableException">The provider could not answer.</exception>
    /// <exception cref="MarketDataNotFoundException">Unknown area, no data for the date, or invalid input.</exception>
    Task<DefaultSupplyTariff> DefaultSupplyAsync(Guid brandId, DefaultSupplyQuery query, CancellationToken ct);

    /// <summary>The competitors' tariffs of an area.</summary>
    /// <exception cref="MarketDataUnavailableException">The provider could not answer.</exception>
    /// <exception cref="MarketDataNotFoundException">Unknown area, no data for the date, or invalid input.</exception>
    Task<CompetitorTariffList> CompetitorsAsync(Guid brandId, CompetitorQuery query, CancellationToken ct);
}

/// <summary>The provider could not give an answer (timeout, 5xx, malformed answer, open circuit, refused key, not
/// configured). The message is German, names the provider and never the key. Worth asking the next provider or the store.</summary>
public sealed class MarketDataUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>The provider answered that there is no such data (404: unknown postal code or grid area, nothing valid on the
/// date) or refused the input (400). Not an outage: never retried, no other provider or stored answer is tried.</summary>
public sealed class MarketDataNotFoundException(string message, bool invalidRequest = false) : Exception(message)
{
    /// <summary>True when the input was refused as invalid (400), false when the data does not exist (404).</summary>
    public bool InvalidRequest { get; } = invalidRequest;
}

/// <summary>Extension point: providers that come and go while the host runs (the plugin runtime's: one plugin per provider).</summary>
public interface IMarketDataProviderSource
{
    /// <summary>Ids of the providers the source can ask now.</summary>
    IEnumerable<string> ProviderIds { get; }

    /// <summary>Runs <paramref name="call"/> on provider <paramref name="providerId"/>'s adapter (in a scope of its plugin).</summary>
    /// <exception cref="MarketDataUnavailableException">The provider is gone or could not answer.</exception>
    Task<T> CallAsync<T>(string providerId, Func<IMarketDataProvider, Task<T>> call, CancellationToken ct);
}
