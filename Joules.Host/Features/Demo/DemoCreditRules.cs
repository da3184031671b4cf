using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;

namespace Joules.Host.Features.Demo;

/// <summary>The demo brands' credit check set-up: settings, bureau routes per country and customer type, and score
/// range rules in the bands of domain.md §5.1 (the simulator's borderline test person lands in manual review).</summary>
internal static class DemoCreditRules
{
    public static CreditCheckSettings Settings(Guid brandId, string country)
    {
        var settings = CreditCheckSettings.Create(brandId);
        settings.ReuseDays = 30;
        // The Austrian brand shows CRD-4: small household contracts are only checked for hard negative features.
        if (country == "AT") settings.FullCheckFromKwh = 2_000;
        return settings;
    }

    public static IEnumerable<BureauRoute> Routes(Guid brandId, string country) => country == "AT"
        ?
        [
            BureauRoute.Create(brandId, "AT", CustomerType.Household, 1, "crif", "crif-score"),
            BureauRoute.Create(brandId, "AT", CustomerType.Household, 2, "deltavista", "deltavista-score"),
            BureauRoute.Create(brandId, "AT", CustomerType.Business, 1, "ksv1870", "ksv-rating"),
            BureauRoute.Create(brandId, "AT", CustomerType.Business, 2, "creditreform", "bonitaetsindex"),
        ]
        :
        [
            BureauRoute.Create(brandId, "DE", CustomerType.Household, 1, "schufa", "basisscore"),
            BureauRoute.Create(brandId, "DE", CustomerType.Household, 2, "boniversum", "bonima"),
            BureauRoute.Create(brandId, "DE", CustomerType.Household, 3, "crif", "crif-score"),
            BureauRoute.Create(brandId, "DE", CustomerType.Business, 1, "creditreform", "bonitaetsindex"),
            BureauRoute.Create(brandId, "DE", CustomerType.Business, 2, "crif", "crif-score"),
        ];

    /// <summary>Bands per product, best first: accept, manual review, prepayment (optional), reject; hard negative
    /// features reject.</summary>
    private static readonly (string Bureau, string Product, (decimal Min, decimal Max, CreditDecision Decision)[] Bands)[] Bands =
    [
        ("schufa", "basisscore", [(95.1m, 100m, CreditDecision.AutoAccept), (90m, 95m, CreditDecision.ManualReview),
            (80m, 89.9m, CreditDecision.AcceptWithPrepayment), (0m, 79.9m, CreditDecision.AutoReject)]),
        ("boniversum", "bonima", [(942m, 1079m, CreditDecision.AutoAccept), (904m, 941m, CreditDecision.ManualReview),
            (1m, 903m, CreditDecision.AcceptWithPrepayment)]),
        ("crif", "crif-score", [(650m, 700m, CreditDecision.AutoAccept), (500m, 649m, CreditDecision.ManualReview),
            (250m, 499m, CreditDecision.AutoReject)]),
        ("deltavista", "deltavista-score", [(650m, 700m, CreditDecision.AutoAccept), (500m, 649m, CreditDecision.ManualReview),
            (250m, 499m, CreditDecision.AutoReject)]),
        ("creditreform", "bonitaetsindex", [(100m, 249m, CreditDecision.AutoAccept), (250m, 349m, CreditDecision.ManualReview),
            (350m, 499m, CreditDecision.AcceptWithPrepayment), (500m, 600m, CreditDecision.AutoReject)]),
        ("ksv1870", "ksv-rating", [(1m, 399m, CreditDecision.AutoAccept), (400m, 499m, CreditDecision.ManualReview),
            (500m, 699m, CreditDecision.AcceptWithPrepayment), (700m, 700m, CreditDecision.AutoReject)]),
    ];

    public static IEnumerable<ScoreRangeRule> Rules(Guid brandId, IEnumerable<BureauRoute> routes)
    {
        foreach (var (bureau, product) in routes.Select(r => (r.Bureau, r.Product)).Distinct())
        {
            foreach (var (min, max, decision) in Bands.Single(b => b.Bureau == bureau && b.Product == product).Bands)
                yield return ScoreRangeRule.Range(brandId, bureau, product, min, max, decision);
            yield return ScoreRangeRule.NegativeFeatures(brandId, bureau, product, CreditDecision.AutoReject);
        }
    }

    /// <summary>A score in the band of <paramref name="decision"/> for the product (for the demo's past checks).</summary>
    public static decimal? ScoreFor(string bureau, string product, CreditDecision decision, double position)
    {
        var band = Bands.Single(b => b.Bureau == bureau && b.Product == product).Bands.FirstOrDefault(b => b.Decision == decision);
        if (band == default) return null;
        var decimals = Bureaus.Find(bureau)!.Product(product)!.Scale.Decimals;
        return Math.Round(band.Min + (band.Max - band.Min) * (decimal)position, decimals);
    }
}
