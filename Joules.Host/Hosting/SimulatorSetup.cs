using Joules.Core.Integration;
using Joules.Simulators;

namespace Joules.Host.Hosting;

/// <summary>The <c>Joules:Simulators</c> section: simulated external services for the demo and tests.</summary>
public sealed class SimulatorSettings
{
    /// <summary>Start the simulator server with the host (demo). Never in production.</summary>
    public bool Enabled { get; set; }

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }
}

/// <summary>Starts the simulator server with the host when enabled and publishes its address.</summary>
internal sealed class ExternalServiceSimulators(SimulatorSettings settings, ILogger<ExternalServiceSimulators> log)
    : IExternalServiceSimulators, IHostedService, IAsyncDisposable
{
    private SimulatorServer? _server;

    public Uri? BaseUrl => _server?.BaseUrl;

    /// <summary>The running server (null when disabled).</summary>
    public SimulatorServer? Server => _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.Enabled) return;
        try
        {
            _server = await SimulatorServer.StartAsync(settings.Port, cancellationToken);
            log.LogInformation("Simulated external services (demo only) listen on {Url}", _server.BaseUrl);
        }
        catch (IOException e)
        {
            log.LogWarning(e, "The simulated external services could not listen on 127.0.0.1:{Port}", settings.Port);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is not null) await server.DisposeAsync();
    }
}

internal static class SimulatorSetup
{
    /// <summary>Registers <see cref="IExternalServiceSimulators"/>; with <c>Joules:Simulators:Enabled</c> the simulator
    /// server starts with the host.</summary>
    public static void AddJoulesSimulators(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Joules:Simulators").Get<SimulatorSettings>() ?? new SimulatorSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ExternalServiceSimulators>();
        builder.Services.AddSingleton<IExternalServiceSimulators>(s => s.GetRequiredService<ExternalServiceSimulators>());
        builder.Services.AddHostedService(s => s.GetRequiredService<ExternalServiceSimulators>());
    }
}
