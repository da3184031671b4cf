using Joules.Core.Domain.Common;
using Joules.Core.Domain.MarketData;
using Joules.Core.MarketData;

namespace Joules.Host.Plugins.Runtime;

/// <summary>The market data providers of running, licensed plugins (declared with <c>AddMarketDataProvider</c>). Each
/// call runs the plugin's adapter in a plugin scope of its own.</summary>
internal sealed class PluginMarketDataSource(PluginRegistry registry, IServiceProvider hostRoot) : IMarketDataProviderSource
{
    public IEnumerable<string> ProviderIds => Providers().SelectMany(p => p.Contributions.MarketDataProviders.Keys).Distinct();

    private IEnumerable<PluginInstance> Providers() => registry.All
        .Where(p => p.IsLoaded && p.Enabled && p.Licence.AllowsChanges && p.Contributions.MarketDataProviders.Count > 0)
        .OrderBy(p => p.Id, StringComparer.Ordinal);

    public async Task<T> CallAsync<T>(string providerId, Func<IMarketDataProvider, Task<T>> call, CancellationToken ct)
    {
        var plugin = Providers().FirstOrDefault(p => p.Contributions.MarketDataProviders.ContainsKey(providerId))
            ?? throw new MarketDataUnavailableException(CoreText.Format("MarketData.ProviderNotAvailable", MarketDataProviders.Find(providerId)?.Name ?? providerId));
        await using var scope = PluginScope.Create(plugin, hostRoot);
        var provider = (IMarketDataProvider)scope.Services.GetRequiredService(plugin.Contributions.MarketDataProviders[providerId]);
        return await call(provider);
    }
}
