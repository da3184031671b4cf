using System.Diagnostics;
using System.Net.Http.Headers;
using Joules.Simulators;
using Joules.Simulators.MarketData;

namespace Joules.Bench;

/// <summary>The market data simulator: how long generating the data set takes (without and with every area's competitor
/// tariffs), then a mix of location, grid fee, levy, default supply and competitor requests over HTTP, 50 in flight.</summary>
public sealed class MarketDataBenchmark : IBenchmark
{
    private const int Requests = 20_000;
    private const int Concurrency = 50;

    public string Name => "market-data";
    public string Description => $"market data set generation, then {Requests:N0} mixed requests to the simulator, {Concurrency} concurrent";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        MarketDataSet.Generate(1);   // JIT
        var builds = new List<double>();
        var expansions = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var set = MarketDataSet.Generate(MarketDataSet.DefaultSeed + (ulong)i);
            builds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            _ = set.GridAreas.Sum(a => a.Competitors[0][0].Length);
            expansions.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var shared = MarketDataSet.Shared;
        Console.WriteLine($"   data set: {shared.PostalCodeCount:N0} postal codes, {shared.GridAreas.Count:N0} grid areas; build median {Median(builds):F0} ms, "
            + $"all competitor tariffs median {Median(expansions):F0} ms more");

        await using var simulator = await SimulatorServer.StartAsync(new SimulatorServerOptions(), ct);
        using var http = new HttpClient { BaseAddress = simulator.MarketDataUrl("enet") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MarketDataSimulatorOptions.DemoApiKey);
        var codes = shared.PostalCodes.Where((_, i) => i % 13 == 0).Select(p => p.Code).ToArray();
        var areas = shared.GridAreas.Select(a => (a.Id, Commodity: a.Commodity == Commodity.Power ? "power" : "gas")).ToArray();
        string Url(int i)
        {
            var (id, commodity) = areas[i % areas.Length];
            return (i % 5) switch
            {
                0 => $"v1/locations?postalCode={codes[i % codes.Length]}&commodity=power&street=Hauptstra%C3%9Fe",
                1 => $"v1/grid-fees?gridAreaId={id}&commodity={commodity}&metering=slp&date=2026-03-01",
                2 => $"v1/levies?commodity={commodity}&date=2025-06-01",
                3 => $"v1/default-supply?gridAreaId={id}&commodity={commodity}&date=2026-03-01",
                _ => $"v1/competitors?gridAreaId={id}&commodity={commodity}&customerType=household&date=2026-03-01",
            };
        }

        await RunAsync(http, Url, 2_000, ct);   // warm-up: connections, JIT, competitor tariffs
        var allocated = GC.GetTotalAllocatedBytes(true);
        var meter = new CpuMeter();
        var durations = await RunAsync(http, Url, Requests, ct);
        var wall = meter.Wall;
        var bytes = GC.GetTotalAllocatedBytes(true) - allocated;
        durations.AsSpan().Sort();
        Console.WriteLine($"   {Requests / wall.TotalSeconds:N0} requests/s, p50 {durations[Requests / 2]:F2} ms, p99 {durations[Requests * 99 / 100]:F2} ms");
        Console.WriteLine($"   {meter.Report(Requests, "request")}, {bytes / Requests / 1024.0:F1} KiB allocated per request (client and server)");
    }

    private static async Task<double[]> RunAsync(HttpClient http, Func<int, string> url, int count, CancellationToken ct)
    {
        var durations = new double[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url(i), ct);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync(ct);
                durations[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        return durations;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
