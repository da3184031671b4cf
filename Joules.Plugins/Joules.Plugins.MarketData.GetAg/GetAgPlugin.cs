using Joules.Core.Domain.MarketData;
using Joules.Core.MarketData;
using Joules.Core.Plugins;
using Joules.Plugins.MarketData.Shared;

namespace Joules.Plugins.MarketData.GetAg;

/// <summary>Market data from GET AG over HTTP in Joules' market data JSON (docs/market-data-wire.md, docs/market-data.md).</summary>
public sealed class GetAgPlugin : IJoulesPlugin
{
    public const string Id = "joules.marketdata-getag";

    public void Configure(IPluginBuilder plugin) => MarketDataPluginSetup.Configure<GetAgProvider>(plugin, MarketDataProviders.GetAg);
}

/// <summary>The GET AG adapter: the brand's connection, or the demo simulator.</summary>
public sealed class GetAgProvider(MarketDataConnections connections, JsonMarketDataClient client)
    : HttpMarketDataProvider(MarketDataProviders.GetAg, connections, client);
