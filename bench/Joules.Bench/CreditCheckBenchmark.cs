using System.Diagnostics;
using Joules.Core;
using Joules.Core.Credit;
using Joules.Core.Credit.Http;
using Joules.Core.Data;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Integration;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Credit;
using Joules.Simulators;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Bench;

/// <summary>The whole credit check of a contract — load contract, customer, settings, routes and rules; ask SCHUFA through
/// the shared HTTP client (the bureau simulator answers after 200 ms); decide; move the contract with its history and
/// store the check — for 1,000 pending contracts, 100 at a time, on SQLite (WAL, as the host). Overhead = duration of a
/// check minus the simulated latency.</summary>
public sealed class CreditCheckBenchmark : IBenchmark
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);
    private static readonly int Concurrency = int.TryParse(Environment.GetEnvironmentVariable("JOULES_BENCH_CONCURRENCY"), out var c) ? c : 100;
    private const int Checks = 1000;
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("JOULES_BENCH_ROUNDS"), out var r) ? r : 10;
    /// <summary>Rounds after the closed-loop ones in which checks arrive at a steady <see cref="PacedRate"/>.</summary>
    private static readonly int PacedRounds = int.TryParse(Environment.GetEnvironmentVariable("JOULES_BENCH_PACED_ROUNDS"), out var p) ? p : 3;
    private const int PacedRate = 400;
    private static readonly int WarmUp = int.TryParse(Environment.GetEnvironmentVariable("JOULES_BENCH_WARMUP"), out var w) ? w : 200;

    public string Name => "credit-checks";
    public string Description => $"{Checks:N0} credit checks of pending contracts, {Concurrency} concurrent, bureau simulator at {Latency.TotalMilliseconds} ms";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorServerOptions { BureauLatency = Latency }, ct);
        var options = await BenchDatabase.CreateAsync(workFolder, ct);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddJoulesCore(options);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<IExternalServiceSimulators>(new Simulators(simulator.BaseUrl));
        services.AddScoped<Schufa>();
        services.AddScoped<ICreditBureau>(sp => new TimedBureau(sp.GetRequiredService<Schufa>()));
        await using var provider = services.BuildServiceProvider();

        var contracts = await SeedAsync(options, WarmUp + (Rounds + PacedRounds) * Checks, ct);
        await RunAsync(provider, contracts[..WarmUp], ct);
        for (var round = 1; round <= Rounds + PacedRounds; round++)
        {
            var offset = WarmUp + (round - 1) * Checks;
            var paced = round > Rounds;
            if (round == Rounds + 1)
                Console.WriteLine($"   then the same checks arriving one by one at a steady {PacedRate}/s (as contracts come in), still at most {Concurrency} in flight; " +
                                  "overhead counted from the moment a check was due:");
            Phases.Clear();
            await LatencyRound.MeasureAsync(round, Checks, Concurrency, Latency, "check", i => CheckAsync(provider, contracts[offset + i], ct),
                paced ? PacedRate : null);
            PrintPhases();
        }
        await using var db = CoreDatabaseRegistration.Create(options, new SystemUser("bench"));
        var decided = await db.CreditChecks.GroupBy(c => c.Decision).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Console.WriteLine("   decisions: " + string.Join(", ", decided.Select(d => $"{d.Key} {d.Count}")));
    }

    private static Task RunAsync(IServiceProvider provider, Guid[] contracts, CancellationToken ct) =>
        LatencyRound.RunAsync(contracts.Length, Concurrency, i => CheckAsync(provider, contracts[i], ct));

    private static async Task CheckAsync(IServiceProvider provider, Guid contractId, CancellationToken ct)
    {
        var phase = new PhaseTimes { Started = Stopwatch.GetTimestamp() };
        Current.Value = phase;
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RunCreditCheck>().RunAsync(contractId, "auto", ct);
        phase.Ended = Stopwatch.GetTimestamp();
        Phases.Add(phase);
    }

    private static readonly AsyncLocal<PhaseTimes?> Current = new();
    private static readonly System.Collections.Concurrent.ConcurrentBag<PhaseTimes> Phases = [];

    /// <summary>Where a check's time beyond the simulated latency goes: before the bureau is asked (scope, reads, plan),
    /// the HTTP exchange beyond the latency, and after the answer (decide, group commit).</summary>
    private static void PrintPhases()
    {
        static string Line(string name, IEnumerable<double> values)
        {
            var v = values.Order().ToArray();
            double P(double p) => v[Math.Min(v.Length - 1, (int)Math.Ceiling(p * v.Length) - 1)];
            return $"{name} p50 {P(0.5):F1} / p90 {P(0.9):F1} / p99 {P(0.99):F1} ms";
        }
        var all = Phases.Where(p => p.AskStarted > 0).ToArray();
        double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
        Console.WriteLine("     phases: " + Line("before asking", all.Select(p => Ms(p.Started, p.AskStarted))) + "; " +
                          Line("HTTP beyond latency", all.Select(p => Ms(p.AskStarted, p.AskEnded) - Latency.TotalMilliseconds)) + "; " +
                          Line("after the answer", all.Select(p => Ms(p.AskEnded, p.Ended))));
    }

    private sealed class PhaseTimes
    {
        public long Started, AskStarted, AskEnded, Ended;
    }

    private sealed class TimedBureau(ICreditBureau inner) : ICreditBureau
    {
        public BureauDescriptor Descriptor => inner.Descriptor;

        public async Task<BureauResult> CheckAsync(CreditCheckRequest request, CancellationToken ct)
        {
            var phase = Current.Value;
            if (phase is not null) phase.AskStarted = Stopwatch.GetTimestamp();
            try { return await inner.CheckAsync(request, ct); }
            finally { if (phase is not null) phase.AskEnded = Stopwatch.GetTimestamp(); }
        }
    }

    /// <summary>A brand asking SCHUFA for households with three score bands, and <paramref name="count"/> pending contracts
    /// of different people.</summary>
    private static async Task<Guid[]> SeedAsync(DatabaseOptions options, int count, CancellationToken ct)
    {
        await using var db = CoreDatabaseRegistration.Create(options, new SystemUser("bench"));
        var brand = new Brand("BEN", "Bench-Stadtwerke");
        db.Brands.Add(brand);
        db.CreditCheckSettings.Add(CreditCheckSettings.Create(brand.Id));
        db.BureauRoutes.Add(BureauRoute.Create(brand.Id, "DE", CustomerType.Household, 1, "schufa", "basisscore"));
        db.ScoreRangeRules.AddRange(
            ScoreRangeRule.Range(brand.Id, "schufa", "basisscore", 95.1m, 100m, CreditDecision.AutoAccept),
            ScoreRangeRule.Range(brand.Id, "schufa", "basisscore", 90m, 95m, CreditDecision.ManualReview),
            ScoreRangeRule.Range(brand.Id, "schufa", "basisscore", 0m, 89.9m, CreditDecision.AutoReject));
        var tariff = new Tariff(brand.Id, "BENCH", "Bench Strom", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 12, 4, 12));
        db.Tariffs.Add(tariff);
        await db.SaveChangesAsync(ct);

        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            var address = new Address { Street = "Bahnhofstraße", HouseNumber = (i % 200 + 1).ToString(), PostalCode = (10115 + i % 800).ToString(), City = "Berlin" };
            var customer = new Customer(brand.Id, $"K-{i:D6}", CustomerType.Household,
                new CustomerDetails(Salutation.Ms, "Erika", $"Muster{i}", null, new DateOnly(1960 + i % 40, 1 + i % 12, 1 + i % 28), null, null, address));
            var contract = new Contract(brand.Id, $"V-{i:D6}", customer.Id, tariff,
                new ContractDetails(address, "41373559241", $"1ESY{i:D8}", 3500, new DateOnly(2027, 1, 1)), null, SalesChannel.Online, "bench");
            contract.ChangeStatus(ContractStatus.CreditCheckPending, "bench", null);
            db.AddRange(customer, contract);
            ids[i] = contract.Id;
        }
        using (db.SuppressAuditAndEvents()) await db.SaveChangesAsync(ct);
        return ids;
    }

    private sealed class Schufa(CreditBureauConnections connections, JsonBureauClient client) : HttpCreditBureau(Bureaus.Schufa, connections, client);

    private sealed class Simulators(Uri baseUrl) : IExternalServiceSimulators
    {
        public Uri? BaseUrl => baseUrl;
    }
}
