using System.Net;
using Joules.Simulators.Bureaus;
using Joules.Simulators.MarketData;
using Joules.Simulators.Sms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Simulators;

/// <summary>Options of a <see cref="SimulatorServer"/>.</summary>
public sealed class SimulatorServerOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The SMS gateway simulator (<c>/sms/</c>).</summary>
    public SmsGatewaySimulatorOptions Sms { get; set; } = new();

    /// <summary>The credit bureau simulator (<c>/bureaus/</c>).</summary>
    public BureauSimulatorOptions Bureaus { get; set; } = new();

    /// <summary>The market data simulator (<c>/market-data/</c>).</summary>
    public MarketDataSimulatorOptions MarketData { get; set; } = new();

    /// <summary>Base latency of every bureau answer (benchmarks: 200 ms; default none); shortcut for <c>Bureaus.Latency</c>.</summary>
    public TimeSpan BureauLatency
    {
        get => Bureaus.Latency;
        set => Bureaus.Latency = value;
    }
}

/// <summary>A small Kestrel server on 127.0.0.1 that hosts simulated external services under path prefixes
/// (<c>/sms/</c>: the SMS gateway; <c>/bureaus/</c>: the credit bureaus; <c>/market-data/</c>: the market data providers). The demo and the tests talk to it over real HTTP exactly as the product talks to the
/// real services. Not for production use.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, Uri baseUrl, SmsGatewaySimulator sms, BureauSimulator bureaus, MarketDataSimulator marketData)
    {
        _app = app;
        BaseUrl = baseUrl;
        Sms = sms;
        Bureaus = bureaus;
        MarketData = marketData;
    }

    /// <summary>The server's address with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The SMS gateway simulator (its received messages).</summary>
    public SmsGatewaySimulator Sms { get; }

    /// <summary>The SMS gateway's address (<c>{BaseUrl}sms/</c>).</summary>
    public Uri SmsGatewayUrl => new(BaseUrl, "sms/");

    /// <summary>The credit bureau simulator (its received checks).</summary>
    public BureauSimulator Bureaus { get; }

    /// <summary>The address of one simulated bureau (<c>{BaseUrl}bureaus/{bureau}/</c>), e.g. <c>schufa</c>.</summary>
    public Uri BureauUrl(string bureau) => new(BaseUrl, $"bureaus/{bureau}/");

    /// <summary>The market data simulator (ene't and GET AG, same data set).</summary>
    public MarketDataSimulator MarketData { get; }

    /// <summary>The address of one simulated market data provider (<c>{BaseUrl}market-data/{provider}/</c>), <c>enet</c> or <c>getag</c>.</summary>
    public Uri MarketDataUrl(string provider) => new(BaseUrl, $"market-data/{provider}/");

    /// <summary>Starts a server on 127.0.0.1:<paramref name="port"/> (0 = a free port).</summary>
    public static Task<SimulatorServer> StartAsync(int port = 0, CancellationToken ct = default) =>
        StartAsync(new SimulatorServerOptions { Port = port }, ct);

    /// <summary>Starts a server on the loopback address of <paramref name="url"/> (e.g. <c>http://127.0.0.1:5323</c>).</summary>
    public static Task<SimulatorServer> StartAsync(string url, CancellationToken ct = default) =>
        StartAsync(new SimulatorServerOptions { Port = new Uri(url).Port }, ct);

    /// <summary>Starts a server with <paramref name="options"/>.</summary>
    public static async Task<SimulatorServer> StartAsync(SimulatorServerOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(options.Sms);
        builder.Services.AddSingleton<SmsGatewaySimulator>();
        builder.Services.AddSingleton(options.Bureaus);
        builder.Services.AddSingleton<BureauSimulator>();
        builder.Services.AddSingleton(options.MarketData);
        builder.Services.AddSingleton<MarketDataSimulator>();
        builder.Services.AddHttpClient(SmsGatewaySimulator.CallbackClient, c => c.Timeout = TimeSpan.FromSeconds(10));
        var app = builder.Build();
        var sms = app.Services.GetRequiredService<SmsGatewaySimulator>();
        sms.Map(app.MapGroup("/sms"));
        var bureaus = app.Services.GetRequiredService<BureauSimulator>();
        bureaus.Map(app.MapGroup("/bureaus"));
        var marketData = app.Services.GetRequiredService<MarketDataSimulator>();
        marketData.Map(app.MapGroup("/market-data"));
        app.MapGet("/", () => "Joules simulators: /sms/v1/messages, /bureaus/{bureau}/v1/checks, /bureaus/v1/checks, /market-data/{provider}/v1/locations");
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorServer(app, new Uri(address.TrimEnd('/') + "/"), sms, bureaus, marketData);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        Sms.Stop();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await _app.StopAsync(cts.Token); } catch (OperationCanceledException) { }
        await _app.DisposeAsync();
    }
}
