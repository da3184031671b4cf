using System.Globalization;
using Joules.Core.Domain.Common;
using Joules.Core.Pricing;
using static Joules.Core.Tests.Pricing.PricingFixtures;

namespace Joules.Core.Tests.Pricing;

public class ComparisonTests
{
    public ComparisonTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    private static CostBreakdown Price(TariffPrices tariff, decimal kwh = 3_500m) =>
        TariffCostCalculator.Calculate(tariff, LocationCharges.VatOnly(19m), Consumption.Power(kwh));

    [Theory]
    [InlineData(new double[0], 1)]
    [InlineData(new[] { 1100.0, 1200.0 }, 1)]
    [InlineData(new[] { 1000.0, 1100.0 }, 2)]
    [InlineData(new[] { 1042.30, 1000.0 }, 2)]          // a tie shares the rank: only 1,000 is strictly cheaper
    [InlineData(new[] { 1042.30, 1042.30, 1100.0 }, 1)] // all tied at the top → rank 1
    [InlineData(new[] { 900.0, 1000.0, 1042.29 }, 4)]
    public void Rank_is_strictly_cheaper_competitors_plus_one(double[] competitors, int expected) =>
        TariffComparison.Rank(1_042.30m, competitors.Select(c => (decimal)c)).ShouldBe(expected);

    [Fact]
    public void Appendix_B_optimised_price_beats_the_competitor_at_1030()
    {
        // 28.14 ct gross → 1,029.70 € < 1,030.00 € → rank 1; 28.15 ct → 1,030.05 € → rank 2.
        TariffComparison.Rank(Price(AppendixB(28.14m)), [Price(Flat(1_030.00m))]).ShouldBe(1);
        TariffComparison.Rank(Price(AppendixB(28.15m)), [Price(Flat(1_030.00m))]).ShouldBe(2);
    }

    [Fact]
    public void Ranking_with_or_without_bonuses_as_portals_offer()
    {
        // Ours (Appendix B): 1,042.30 € with bonuses, 1,152.30 € without. Competitor without bonuses: 1,100.00 €.
        var ours = Price(AppendixB());
        var competitor = Price(Flat(1_100.00m));

        TariffComparison.Rank(ours, [competitor]).ShouldBe(1);
        TariffComparison.Rank(ours, [competitor], includeBonuses: false).ShouldBe(2);
    }

    [Fact]
    public void Savings_against_default_supply_for_first_and_later_years()
    {
        // Default supply GP 180 + 35 ct × 3,500 = 1,405.00 € net, 1,671.95 € gross.
        // Ours: 1,042.30 gross / 875.88 net in year 1, 1,152.30 / 968.32 later.
        var savings = TariffComparison.SavingsAgainst(Price(AppendixB()), Price(TariffPrices.Flat(PricingMode.AllInclusive, 180m, 35m)));

        savings.ShouldBe(new Savings(FirstYearNet: 529.12m, FirstYearGross: 629.65m, LaterYearsNet: 436.68m, LaterYearsGross: 519.65m));
    }

    [Fact]
    public void Comparison_needs_the_same_consumption()
    {
        var ex = Should.Throw<DomainException>(() => TariffComparison.SavingsAgainst(Price(AppendixB()), Price(AppendixB(), 4_000m)));
        ex.Field.ShouldBe(nameof(Consumption.AnnualKwh));
        ex.Message.ShouldContain("3.500 kWh");
        Should.Throw<DomainException>(() => TariffComparison.Rank(Price(AppendixB()), [Price(AppendixB(), 4_000m)]));
    }

    /// <summary>An all-inclusive tariff without bonuses costing <paramref name="grossAt3500"/> € gross at 3,500 kWh (AP only).</summary>
    private static TariffPrices Flat(decimal grossAt3500) =>
        TariffPrices.Flat(PricingMode.AllInclusive, 0m, grossAt3500 / 35m / Vat19);
}
