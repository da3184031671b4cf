using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Joules.Core.Credit.Http;

/// <summary>Registers the shared engine of the HTTP bureau plugins.</summary>
public static class CreditHttpRegistration
{
    /// <summary>Adds <see cref="JsonBureauClient"/> (singleton, with its HTTP client without request logging) and
    /// <see cref="CreditBureauConnections"/> (scoped).</summary>
    public static IServiceCollection AddCreditBureauHttp(this IServiceCollection services)
    {
        services.AddHttpClient(JsonBureauClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 512,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                UseProxy = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();   // request logs could carry the Authorization header
        services.TryAddSingleton<JsonBureauClient>();
        services.TryAddScoped<CreditBureauConnections>();
        return services;
    }
}
