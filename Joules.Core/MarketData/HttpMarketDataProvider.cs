using Joules.Core.Domain.Common;
using Joules.Core.Domain.MarketData;

namespace Joules.Core.MarketData;

/// <summary>A provider reached over HTTP in Joules' own market data JSON: asks the brand's connection (or the demo
/// simulator) through <see cref="JsonMarketDataClient"/>. A provider plugin's adapter is one line:
/// <code>public sealed class EnetProvider(MarketDataConnections c, JsonMarketDataClient j) : HttpMarketDataProvider(MarketDataProviders.Enet, c, j);</code></summary>
public abstract class HttpMarketDataProvider(MarketDataProvider descriptor, MarketDataConnections connections, JsonMarketDataClient client) : IMarketDataProvider
{
    /// <inheritdoc />
    public MarketDataProvider Descriptor => descriptor;

    /// <inheritdoc />
    public async Task<MarketLocation> LocateAsync(Guid brandId, LocationQuery query, CancellationToken ct) =>
        await client.LocateAsync(await EndpointAsync(brandId, ct), query, ct);

    /// <inheritdoc />
    public async Task<GridFeeSheet> GridFeesAsync(Guid brandId, GridFeeQuery query, CancellationToken ct) =>
        await client.GridFeesAsync(await EndpointAsync(brandId, ct), query, ct);

    /// <inheritdoc />
    public async Task<LevySheet> LeviesAsync(Guid brandId, LevyQuery query, CancellationToken ct) =>
        await client.LeviesAsync(await EndpointAsync(brandId, ct), query, ct);

    /// <inheritdoc />
    public async Task<DefaultSupplyTariff> DefaultSupplyAsync(Guid brandId, DefaultSupplyQuery query, CancellationToken ct) =>
        await client.DefaultSupplyAsync(await EndpointAsync(brandId, ct), query, ct);

    /// <inheritdoc />
    public async Task<CompetitorTariffList> CompetitorsAsync(Guid brandId, CompetitorQuery query, CancellationToken ct) =>
        await client.CompetitorsAsync(await EndpointAsync(brandId, ct), query, ct);

    private async Task<MarketDataEndpoint> EndpointAsync(Guid brandId, CancellationToken ct) =>
        await connections.ForCallAsync(brandId, descriptor.Id, ct)
        ?? throw new MarketDataUnavailableException(CoreText.Format("MarketData.Http.NotConfigured", descriptor.Name));
}
