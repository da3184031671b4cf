using Joules.Core.Integration;
using Joules.Core.MarketData;
using Joules.Host.Tests.MarketData;
using Joules.Simulators;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Infrastructure;

/// <summary>A real host (temporary SQLite) whose market data comes from the simulator over HTTP, with the ene't and GET AG
/// adapters registered the way their plugins register them. Derive to change the simulator's options.</summary>
public class MarketDataHost : IAsyncLifetime
{
    public SimulatorServer Server { get; private set; } = null!;
    public JoulesAppFactory App { get; private set; } = null!;

    /// <summary>The simulator's options (default: as in the demo).</summary>
    protected virtual SimulatorServerOptions SimulatorOptions => new();

    public async Task InitializeAsync()
    {
        Server = await SimulatorServer.StartAsync(SimulatorOptions);
        App = new JoulesAppFactory
        {
            TestServices = s =>
            {
                s.AddSingleton<IExternalServiceSimulators>(new Simulators(Server.BaseUrl));
                s.AddScoped<IMarketDataProvider, MarketDataServiceTests.EnetAdapter>();
                s.AddScoped<IMarketDataProvider, MarketDataServiceTests.GetAgAdapter>();
            },
        };
        App.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
    }

    private sealed class Simulators(Uri baseUrl) : IExternalServiceSimulators
    {
        public Uri? BaseUrl => baseUrl;
    }
}
