namespace Joules.Core.Domain.MarketData;

/// <summary>A market data provider a plugin connects to.</summary>
/// <param name="Id">Stable code (<c>enet</c>, <c>getag</c>), also the plugin's provider path.</param>
/// <param name="Name">Display name.</param>
public sealed record MarketDataProvider(string Id, string Name);

/// <summary>The market data providers Joules has plugins for (catalogue DAT-1 to DAT-7).</summary>
public static class MarketDataProviders
{
    /// <summary>ene't (enet-navigator web services).</summary>
    public static readonly MarketDataProvider Enet = new("enet", "ene't");

    /// <summary>GET AG (Strom/Gas Entgelt web services).</summary>
    public static readonly MarketDataProvider GetAg = new("getag", "GET AG");

    /// <summary>All providers.</summary>
    public static readonly IReadOnlyList<MarketDataProvider> All = [Enet, GetAg];

    /// <summary>The provider with <paramref name="id"/>, or null.</summary>
    public static MarketDataProvider? Find(string? id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
}
