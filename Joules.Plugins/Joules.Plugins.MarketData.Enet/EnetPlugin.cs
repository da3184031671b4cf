using Joules.Core.Domain.MarketData;
using Joules.Core.MarketData;
using Joules.Core.Plugins;
using Joules.Plugins.MarketData.Shared;

namespace Joules.Plugins.MarketData.Enet;

/// <summary>Market data from ene't over HTTP in Joules' market data JSON (docs/market-data-wire.md, docs/market-data.md).</summary>
public sealed class EnetPlugin : IJoulesPlugin
{
    public const string Id = "joules.marketdata-enet";

    public void Configure(IPluginBuilder plugin) => MarketDataPluginSetup.Configure<EnetProvider>(plugin, MarketDataProviders.Enet);
}

/// <summary>The ene't adapter: the brand's connection, or the demo simulator.</summary>
public sealed class EnetProvider(MarketDataConnections connections, JsonMarketDataClient client)
    : HttpMarketDataProvider(MarketDataProviders.Enet, connections, client);
