using System.Diagnostics;
using Joules.Core;
using Joules.Core.Data;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.MarketData;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Integration;
using Joules.Core.MarketData;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Tariffs;
using Joules.Simulators;
using Joules.Simulators.MarketData;
using Commodity = Joules.Core.Domain.Tariffs.Commodity;
using CustomerType = Joules.Core.Domain.Customers.CustomerType;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Bench;

/// <summary>The tariff calculator's use case (<see cref="CalculateTariffs"/>) as a page or the public widget calls it:
/// all of a brand's household power tariffs at one postal code with location, grid fees, levies, default supply and
/// 20–60 competitors from market data, ranked. The brand supplies 200 postal codes of the market data simulator in four
/// delivery areas with six tariffs each. After one calculation per postal code (the answers are fetched over HTTP and
/// stored) every calculation runs on a warm cache: first one at a time (server time per calculation), then
/// <c>JOULES_BENCH_CONCURRENCY</c> (default 4) at a time for throughput. Targets: under 2 ms per calculation, 2,000/s on
/// two cores.</summary>
public sealed class TariffCalculationBenchmark : IBenchmark
{
    private const int PostalCodes = 200;
    private const int Sequential = 5_000;
    private const int Parallel = 20_000;
    private static readonly int Concurrency = int.TryParse(Environment.GetEnvironmentVariable("JOULES_BENCH_CONCURRENCY"), out var c) ? c : 4;
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("JOULES_BENCH_ROUNDS"), out var r) ? r : 3;
    private static readonly DateOnly Day = new(2026, 6, 1);

    public string Name => "tariff-calc";
    public string Description => $"tariff calculations with market data on a warm cache, one at a time and {Concurrency} concurrent";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorServerOptions(), ct);
        var options = await BenchDatabase.CreateAsync(workFolder, ct);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddJoulesCore(options);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<IExternalServiceSimulators>(new Simulators(simulator.BaseUrl));
        services.AddScoped<IMarketDataProvider, Enet>();
        services.AddScoped<IMarketDataProvider, GetAg>();
        await using var provider = services.BuildServiceProvider();

        var codes = MarketDataSet.Shared.PostalCodes.Where(p => p.Power.Count == 1 && p.Gas.Count == 1).Select(p => p.Code)
            .Where((_, i) => i % 37 == 0).Take(PostalCodes).ToArray();
        var brandId = await SeedAsync(options, codes, ct);
        TariffCalculationRequest Request(int i) =>
            new(brandId, Commodity.Electricity, CustomerType.Household, codes[i % codes.Length], 1_500 + i % 36 * 100, Date: Day);

        var started = Stopwatch.GetTimestamp();
        var first = await CalculateAsync(provider, Request(0), ct);
        Console.WriteLine($"   first calculation (cold: JIT, market data over HTTP): {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms; " +
                          $"{first.Tariffs.Count} tariffs, {first.Competitors.Count} competitors, rank {first.Tariffs[0].Rank}, problems {first.MarketDataProblems.Count}");
        started = Stopwatch.GetTimestamp();
        await LatencyRound.RunAsync(codes.Length, 8, i => CalculateAsync(provider, Request(i), ct));
        Console.WriteLine($"   one calculation per postal code to fill the cache ({codes.Length} codes, 8 at a time): {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        await LatencyRound.RunAsync(4_000, Concurrency, i => CalculateAsync(provider, Request(i), ct));   // JIT tiers

        for (var round = 1; round <= Rounds; round++)
        {
            var durations = await MeasureAsync($"round {round}, one at a time", Sequential, 1, provider, Request, ct);
            Console.WriteLine($"     server time per calculation: p50 {Percentile(durations, 0.50):F2} ms, p99 {Percentile(durations, 0.99):F2} ms, " +
                              $"max {durations[^1]:F2} ms (target < 2 ms)");
            await MeasureAsync($"round {round}, {Concurrency} at a time", Parallel, Concurrency, provider, Request, ct);
        }
    }

    private static async Task<double[]> MeasureAsync(string label, int count, int concurrency, IServiceProvider provider,
        Func<int, TariffCalculationRequest> request, CancellationToken ct)
    {
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes();
        var meter = new CpuMeter();
        var durations = await LatencyRound.RunAsync(count, concurrency, i => CalculateAsync(provider, request(i), ct));
        var wall = meter.Wall;
        Array.Sort(durations);
        Console.WriteLine($"   {label}: {count / wall.TotalSeconds:N0} calculations/s (target 2,000/s); {meter.Report(count, "calculation")}; " +
                          $"{(GC.GetTotalAllocatedBytes() - allocated) / count / 1024} KB allocated per calculation; " +
                          $"GC {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}");
        return durations;
    }

    private static async Task<TariffCalculation> CalculateAsync(IServiceProvider provider, TariffCalculationRequest request, CancellationToken ct)
    {
        await using var scope = provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CalculateTariffs>().RunAsync(request, ct);
        if (result.Tariffs.Count == 0 || result.MarketDataProblems.Count > 0)
            throw new InvalidOperationException($"Calculation for {request.PostalCode} incomplete: {string.Join(" ", result.MarketDataProblems)}");
        return result;
    }

    /// <summary>A brand supplying <paramref name="codes"/> in four delivery areas, with six household power tariffs
    /// priced in each area (two price list versions each).</summary>
    private static async Task<Guid> SeedAsync(DatabaseOptions options, string[] codes, CancellationToken ct)
    {
        await using var db = CoreDatabaseRegistration.Create(options, new SystemUser("bench"));
        var brand = new Brand("BEN", "Bench-Stadtwerke");
        db.Brands.Add(brand);
        var areas = codes.Chunk((codes.Length + 3) / 4).Select((chunk, i) => new DeliveryArea(brand.Id, $"Gebiet {i + 1}", chunk)).ToList();
        db.AddRange(areas);
        for (var t = 0; t < 6; t++)
        {
            var tariff = new Tariff(brand.Id, $"S-{t + 1}", $"Bench Strom {t + 1}", Commodity.Electricity, CustomerType.Household,
                new TariffTerms(t * 6, 1, 4, t * 6));
            for (var a = 0; a < areas.Count; a++)
            {
                tariff.AddPriceList(areas[a], new DateOnly(2025, 1, 1), new PriceComponents(120m + t * 6, 27.5m + a * 0.4m - t * 0.3m, 0m, 0m));
                tariff.AddPriceList(areas[a], new DateOnly(2026, 1, 1), new PriceComponents(125m + t * 6, 28.1m + a * 0.4m - t * 0.3m, t * 20m, 0m));
            }
            db.Tariffs.Add(tariff);
        }
        await db.SaveChangesAsync(ct);
        return brand.Id;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed class Enet(MarketDataConnections c, JsonMarketDataClient j) : HttpMarketDataProvider(MarketDataProviders.Enet, c, j);

    private sealed class GetAg(MarketDataConnections c, JsonMarketDataClient j) : HttpMarketDataProvider(MarketDataProviders.GetAg, c, j);

    private sealed class Simulators(Uri baseUrl) : IExternalServiceSimulators
    {
        public Uri? BaseUrl => baseUrl;
    }
}
