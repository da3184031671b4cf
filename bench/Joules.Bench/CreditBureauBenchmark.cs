using System.Diagnostics;
using Joules.Core.Credit;
using Joules.Core.Credit.Http;
using Joules.Core.Domain.Credit;
using Joules.Simulators;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Bench;

/// <summary>The shared bureau client against the bureau simulator with 200 ms latency: 100 checks in flight at a time.
/// Overhead = duration of a check minus the simulated latency (serialisation, HTTP, resilience pipeline, parsing).</summary>
public sealed class CreditBureauBenchmark : IBenchmark
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);
    private const int Concurrency = 100;
    private const int Checks = 1000;
    private const int Rounds = 8;

    public string Name => "credit-bureaus";
    public string Description => $"{Checks} bureau checks, {Concurrency} concurrent, {Latency.TotalMilliseconds} ms simulated latency";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorServerOptions { BureauLatency = Latency }, ct);
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddCreditBureauHttp().BuildServiceProvider();
        await using var _ = services;
        var client = services.GetRequiredService<JsonBureauClient>();
        var connections = Bureaus.All.Select(b => new BureauConnection(Guid.NewGuid(), b.Id, simulator.BureauUrl(b.Id),
            CreditBureauConnections.SimulatorApiKey, b.Products[0].Id, 10, false)).ToArray();
        var requests = connections.Select(c => CreditBureauConnections.TestRequest(Bureaus.Find(c.Bureau)!, Bureaus.Find(c.Bureau)!.Products[0], c.BrandId)).ToArray();

        Task Check(int i)
        {
            var k = i % connections.Length;
            return client.CheckAsync(connections[k], requests[k] with { CheckId = Guid.NewGuid() }, ct);
        }
        await LatencyRound.RunAsync(300, Concurrency, Check);   // warm-up: connections, first JIT
        for (var round = 1; round <= Rounds; round++) await LatencyRound.MeasureAsync(round, Checks, Concurrency, Latency, "check", Check);
    }

}
