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
    private const int Checks = 4000;

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

        await RunAsync(client, connections, requests, 300, ct);   // warm-up: connections, JIT
        var meter = new CpuMeter();
        var durations = await RunAsync(client, connections, requests, Checks, ct);
        var wall = meter.Wall;
        var overhead = durations.Select(d => d - Latency.TotalMilliseconds).Order().ToArray();
        Console.WriteLine($"   {Checks / wall.TotalSeconds:F0} checks/s, CPU {meter.Cpu.TotalSeconds:F1} s in {wall.TotalSeconds:F1} s wall");
        Console.WriteLine($"   overhead per check: p50 {Percentile(overhead, 0.50):F1} ms, p99 {Percentile(overhead, 0.99):F1} ms, max {overhead[^1]:F1} ms");
    }

    private static async Task<double[]> RunAsync(JsonBureauClient client, BureauConnection[] connections, CreditCheckRequest[] requests, int count, CancellationToken ct)
    {
        var durations = new double[count];
        var next = -1;
        var workers = Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var k = i % connections.Length;
                var started = Stopwatch.GetTimestamp();
                await client.CheckAsync(connections[k], requests[k] with { CheckId = Guid.NewGuid() }, ct);
                durations[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        await Task.WhenAll(workers);
        return durations;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
