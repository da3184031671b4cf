using System.Globalization;
using Joules.Core.Pricing;
using static Joules.Core.Tests.Pricing.PricingFixtures;

namespace Joules.Core.Tests.Pricing;

public class AllInclusiveTests
{
    public AllInclusiveTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    // Tariff GP 150 €/a + AP 30 ct net at 3,500 kWh: 150 + 1,050 = 1,200.00 € net (1,428.00 € gross).
    // Inside it, location 2026: 70 + 25 + 14.986 ct × 3,500 (524.51) = 619.51 € → energy share 580.49 €
    // (580.49 / 3,500 = 16.5854 ct/kWh).
    [Fact]
    public void Energy_share_is_the_remainder_after_the_location_components()
    {
        var cost = TariffCostCalculator.Calculate(TariffPrices.Flat(PricingMode.AllInclusive, 150m, 30m), Location2026(), Consumption.Power(3_500m));

        cost.LaterYears.ShouldBe(new CostTotals(1_200.00m, 228.00m, 1_428.00m));
        var share = cost.Lines.Single(l => l.Kind == CostLineKind.EnergyShare);
        share.Net.ShouldBe(580.49m);
        share.UnitPrice.ShouldBe(16.5854m);
        share.IsNegativeRemainder.ShouldBeFalse();
        cost.Lines.Sum(l => l.Net).ShouldBe(1_200.00m);
        cost.Lines.ShouldNotContain(l => l.Kind == CostLineKind.Supplier);
        cost.HasNegativeEnergyShare.ShouldBeFalse();
        cost.EffectiveBasePricePerYear.ShouldBe(150m);
        cost.EffectiveWorkingPriceCtPerKwh.ShouldBe(30m);
    }

    [Fact]
    public void Negative_energy_share_is_kept_and_flagged_not_hidden()
    {
        // AP 10 ct: 150 + 350 = 500.00 € cannot cover 619.51 € of grid fees, levies and tax → share −119.51 €.
        var cost = TariffCostCalculator.Calculate(TariffPrices.Flat(PricingMode.AllInclusive, 150m, 10m), Location2026(), Consumption.Power(3_500m));

        var share = cost.Lines.Single(l => l.Kind == CostLineKind.EnergyShare);
        share.Net.ShouldBe(-119.51m);
        share.IsNegativeRemainder.ShouldBeTrue();
        cost.HasNegativeEnergyShare.ShouldBeTrue();
        cost.LaterYears.Net.ShouldBe(500.00m); // the customer still pays the tariff's price
    }

    [Fact]
    public void Without_market_data_the_whole_price_is_the_energy_share()
    {
        var cost = TariffCostCalculator.Calculate(TariffPrices.Flat(PricingMode.AllInclusive, 150m, 30m), LocationCharges.VatOnly(), Consumption.Power(3_500m));

        cost.Lines.Single().Net.ShouldBe(1_200m);
        cost.LaterYears.Gross.ShouldBe(1_428.00m);
    }

    [Fact]
    public void Same_prices_cost_more_in_pass_through_than_all_inclusive()
    {
        var tariff = TariffPrices.Flat(PricingMode.AllInclusive, 150m, 30m);
        var inclusive = TariffCostCalculator.Calculate(tariff, Location2026(), Consumption.Power(3_500m));
        var passThrough = TariffCostCalculator.Calculate(tariff with { Mode = PricingMode.PassThrough }, Location2026(), Consumption.Power(3_500m));

        (passThrough.LaterYears.Net - inclusive.LaterYears.Net).ShouldBe(619.51m);
    }
}
