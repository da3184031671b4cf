using System.Diagnostics;
using Joules.Core.Credit;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Credit;
using Microsoft.EntityFrameworkCore;

namespace Joules.Bench;

/// <summary>The score rule editor's live preview: loading a brand's last 1,000 answered checks once (SQLite) and
/// re-deciding them in memory for a draft rule set, as on every (debounced) edit.</summary>
public sealed class ScoreRulePreviewBenchmark : IBenchmark
{
    private const int Checks = 1000;
    private const int Warmup = 20;
    private const int Runs = 200;

    public string Name => "score-preview";
    public string Description => "Score rule preview: load 1,000 checks once, re-decide per draft (median/p95, bytes allocated)";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(workFolder, "preview.db")}" };
        var watch = Stopwatch.StartNew();
        Guid brandId;
        await using (var db = CoreDatabaseRegistration.Create(options, new SystemUser()))
        {
            await db.Database.MigrateAsync(ct);
            var brand = new Brand("SWS", "Stadtwerke Sonnental");
            db.Brands.Add(brand);
            brandId = brand.Id;
            var tariff = new Tariff(brandId, "STROM", "Strom Basis", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 12, 4, 12));
            db.Add(tariff);
            var address = new Address { Street = "Hauptstraße", HouseNumber = "1", PostalCode = "79100", City = "Sonnental" };
            var random = new Random(1126);
            var products = new[] { ("schufa", "score-2026", 100, 999), ("boniversum", "bonima", 1, 1079), ("crif", "crif-score", 250, 700) };
            var at = DateTimeOffset.UtcNow.AddDays(-30);
            for (var i = 0; i < Checks; i++)
            {
                var customer = new Customer(brandId, $"K-{i}", CustomerType.Household,
                    new CustomerDetails(Salutation.Ms, "Erika", "Muster" + i, null, new DateOnly(1980, 5, 17), null, null, address));
                var contract = new Contract(brandId, $"V-{i:D6}", customer.Id, tariff,
                    new ContractDetails(address, "41373559241", "1ESY1160123456", 3500, new DateOnly(2027, 1, 1)), null, SalesChannel.Online, "bench");
                var (bureau, product, min, max) = products[i % products.Length];
                var check = CreditCheck.Start(brandId, contract.Id, customer.Id, new string('a', 64),
                    new CreditCheckContext(i % 5 == 0 ? Commodity.Gas : Commodity.Electricity, CustomerType.Household, (SalesChannel)(i % 6)), "bench", "auto", at.AddMinutes(i));
                string[] negatives = i % 17 == 0 ? ["INSO"] : [];
                check.RecordAnswer(new BureauResult(bureau, product, random.Next(min, max + 1), null, negatives, null, at.AddMinutes(i), Guid.NewGuid().ToString("N")), 1);
                check.Decide(CreditDecision.ManualReview, null, "bench", at.AddMinutes(i));
                db.AddRange(customer, contract, check);
            }
            foreach (var (bureau, product, min, max) in products)
            {
                var third = (max - min) / 3;
                db.ScoreRangeRules.AddRange(
                    ScoreRangeRule.Range(brandId, bureau, product, min, min + third, CreditDecision.AutoReject),
                    ScoreRangeRule.Range(brandId, bureau, product, min + third + 1, min + 2 * third, CreditDecision.ManualReview),
                    ScoreRangeRule.Range(brandId, bureau, product, min + 2 * third + 1, max, CreditDecision.AutoAccept),
                    ScoreRangeRule.NegativeFeatures(brandId, bureau, product, CreditDecision.AutoReject));
            }
            await db.SaveChangesAsync(ct);
        }
        Console.WriteLine($"   seeded {Checks:N0} checks with contracts in {watch.ElapsedMilliseconds} ms");

        var user = new SystemUser("bench-admin");
        var loads = new List<double>();
        ScoreRulePreviewSample sample = null!;
        IReadOnlyList<ScoreRuleDraft> saved = [];
        for (var i = 0; i < 10; i++)
        {
            await using var db = CoreDatabaseRegistration.Create(options, user);
            watch.Restart();
            sample = await new PreviewScoreRules(db).LoadAsync(brandId, ct);
            saved = await new SaveScoreRangeRules(db).ListAsync(brandId, ct);
            loads.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"   load once per page (checks + rules): median {Median(loads):F1} ms, first {loads[0]:F1} ms");

        // A draft as while typing: the SCHUFA boundary between review and accept moves down by one point per edit.
        var times = new List<double>();
        long bytes = 0;
        ScoreRulePreview? result = null;
        for (var i = 0; i < Warmup + Runs; i++)
        {
            var shift = 1 + i % 50;
            var draft = saved.Select(r => r.Bureau != "schufa" || r.MatchesNegativeFeatures ? r
                : r.Decision == CreditDecision.AutoAccept ? r with { Min = r.Min - shift }
                : r.Decision == CreditDecision.ManualReview ? r with { Max = r.Max - shift } : r).ToList();
            var before = GC.GetAllocatedBytesForCurrentThread();
            watch.Restart();
            result = PreviewScoreRules.Compute(sample, draft, maxCases: 20);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (i < Warmup) continue;
            times.Add(elapsed);
            bytes += allocated;
        }
        times.Sort();
        Console.WriteLine($"   re-decide {sample.Count:N0} checks per draft: median {Median(times):F2} ms, p95 {times[(int)(times.Count * 0.95)]:F2} ms, "
            + $"{bytes / Runs / 1024.0:F0} KiB allocated per draft ({result!.Changed} changed in the last draft)");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
