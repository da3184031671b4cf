using System.Net;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.MarketData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Joules.Core.MarketData;

/// <summary>The providers the installation can ask now: those registered in DI as <see cref="IMarketDataProvider"/> and
/// those of running, licensed provider plugins.</summary>
public interface IMarketDataProviderDirectory
{
    /// <summary>The providers available now (descriptors from <see cref="MarketDataProviders"/>).</summary>
    IReadOnlyList<MarketDataProvider> Available { get; }

    /// <summary>Runs <paramref name="call"/> on provider <paramref name="providerId"/>'s adapter.</summary>
    /// <exception cref="MarketDataUnavailableException">No such provider is available, or it could not answer.</exception>
    Task<T> CallAsync<T>(string providerId, Func<IMarketDataProvider, Task<T>> call, CancellationToken ct);
}

/// <inheritdoc />
public sealed class MarketDataProviderDirectory(IEnumerable<IMarketDataProvider> providers, IEnumerable<IMarketDataProviderSource> sources)
    : IMarketDataProviderDirectory
{
    /// <inheritdoc />
    public IReadOnlyList<MarketDataProvider> Available =>
        providers.Select(p => p.Descriptor.Id).Concat(sources.SelectMany(s => s.ProviderIds)).Distinct()
            .Select(MarketDataProviders.Find).OfType<MarketDataProvider>().ToList();

    /// <inheritdoc />
    public Task<T> CallAsync<T>(string providerId, Func<IMarketDataProvider, Task<T>> call, CancellationToken ct)
    {
        if (providers.LastOrDefault(p => p.Descriptor.Id == providerId) is { } provider) return call(provider);
        if (sources.FirstOrDefault(s => s.ProviderIds.Contains(providerId)) is { } source) return source.CallAsync(providerId, call, ct);
        throw new MarketDataUnavailableException(CoreText.Format("MarketData.ProviderNotAvailable", MarketDataProviders.Find(providerId)?.Name ?? providerId));
    }
}

/// <summary>Registers market data: the shared HTTP client of the provider plugins, connections, the directory and the service.</summary>
public static class MarketDataRegistration
{
    /// <summary>Adds <see cref="JsonMarketDataClient"/> (singleton, with its HTTP client without request logging),
    /// <see cref="MarketDataConnections"/>, <see cref="IMarketDataProviderDirectory"/> and <see cref="MarketDataService"/>
    /// (scoped), with <see cref="MarketDataOptions"/> from <c>Joules:MarketData</c>.</summary>
    public static IServiceCollection AddMarketData(this IServiceCollection services)
    {
        services.AddHttpClient(JsonMarketDataClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 256,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Brotli,
                UseCookies = false,
                UseProxy = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();   // request logs could carry the Authorization header
        services.AddOptions<MarketDataOptions>().BindConfiguration("Joules:MarketData");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JsonMarketDataClient>();
        services.TryAddSingleton<MarketDataMemory>();
        services.TryAddScoped<MarketDataConnections>();
        services.TryAddScoped<IMarketDataProviderDirectory, MarketDataProviderDirectory>();
        services.TryAddScoped<MarketDataService>();
        return services;
    }
}
