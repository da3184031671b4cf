using Joules.Core.Domain.Common;

namespace Joules.Core.Pricing;

/// <summary>Savings of a tariff against another one (usually the default supply, Grundversorgung), in €; positive
/// when the tariff is cheaper. Differences of the rounded totals of both breakdowns.</summary>
/// <param name="FirstYearNet">First-year saving, net, with the tariff's bonuses.</param>
/// <param name="FirstYearGross">First-year saving, gross, with the tariff's bonuses.</param>
/// <param name="LaterYearsNet">Saving per later year, net (no bonuses).</param>
/// <param name="LaterYearsGross">Saving per later year, gross (no bonuses).</param>
public sealed record Savings(decimal FirstYearNet, decimal FirstYearGross, decimal LaterYearsNet, decimal LaterYearsGross);

/// <summary>Comparison helpers on priced tariffs, as comparison portals rank and compare them (domain.md §2.4, §2.6).</summary>
public static class TariffComparison
{
    /// <summary>What <paramref name="tariff"/> saves against <paramref name="defaultSupply"/> at the same consumption.</summary>
    /// <exception cref="DomainException">The two breakdowns were computed for different consumptions.</exception>
    public static Savings SavingsAgainst(CostBreakdown tariff, CostBreakdown defaultSupply)
    {
        ArgumentNullException.ThrowIfNull(tariff);
        ArgumentNullException.ThrowIfNull(defaultSupply);
        SameConsumption(tariff, defaultSupply);
        return new Savings(
            defaultSupply.FirstYear.Net - tariff.FirstYear.Net,
            defaultSupply.FirstYear.Gross - tariff.FirstYear.Gross,
            defaultSupply.LaterYears.Net - tariff.LaterYears.Net,
            defaultSupply.LaterYears.Gross - tariff.LaterYears.Gross);
    }

    /// <summary>The 1-based rank of <paramref name="ourCost"/> among <paramref name="competitorCosts"/>, cheapest first:
    /// the number of strictly cheaper competitors + 1. Equal costs share a rank.</summary>
    public static int Rank(decimal ourCost, IEnumerable<decimal> competitorCosts)
    {
        ArgumentNullException.ThrowIfNull(competitorCosts);
        return competitorCosts.Count(c => c < ourCost) + 1;
    }

    /// <summary>The 1-based rank of <paramref name="ours"/> among <paramref name="competitors"/> by first-year gross cost,
    /// with bonuses (the portals' default, "Bonus einberechnen") or without them. Equal costs share a rank.</summary>
    /// <exception cref="DomainException">A competitor was priced at another consumption.</exception>
    public static int Rank(CostBreakdown ours, IEnumerable<CostBreakdown> competitors, bool includeBonuses = true)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(competitors);
        var list = competitors.ToList();
        foreach (var competitor in list) SameConsumption(ours, competitor);
        return Rank(ours.RankingCost(includeBonuses), list.Select(c => c.RankingCost(includeBonuses)));
    }

    private static void SameConsumption(CostBreakdown a, CostBreakdown b)
    {
        if (a.Consumption.AnnualKwh != b.Consumption.AnnualKwh || a.Consumption.Commodity != b.Consumption.Commodity)
            throw new DomainException(CoreText.Format("Pricing.ConsumptionMismatch", a.Consumption.AnnualKwh, b.Consumption.AnnualKwh),
                nameof(Consumption.AnnualKwh));
    }
}
