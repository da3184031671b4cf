using System.Globalization;
using Joules.Core.Pricing;

namespace Joules.Core.Tests.Pricing;

public class BandModelTests
{
    public BandModelTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    // Two bands, GP 100 €/a, VAT 0 so the figures are plain:
    //   band 1: up to and including 2,000 kWh at 30 ct; band 2: above 2,000 kWh at 25 ct.
    // Staffel (the band holding E prices all of E)   Zonen (each band prices its slice)
    //   1,999: 100 + 1,999 × 0.30 =   699.70          100 + 1,999 × 0.30              =   699.70
    //   2,000: 100 + 2,000 × 0.30 =   700.00          100 + 2,000 × 0.30              =   700.00
    //   2,001: 100 + 2,001 × 0.25 =   600.25          100 + 600 + 1 × 0.25            =   700.25
    //   3,000: 100 + 3,000 × 0.25 =   850.00          100 + 600 + 1,000 × 0.25        =   950.00
    private static readonly ConsumptionBand[] TwoBands = [new(0m, 2_000m, 30m), new(2_000m, null, 25m)];

    [Theory]
    [InlineData(1_999, "699.70", "699.70")]
    [InlineData(2_000, "700.00", "700.00")]
    [InlineData(2_001, "600.25", "700.25")]
    [InlineData(3_000, "850.00", "950.00")]
    public void Staffel_and_Zonen_price_the_same_bands_differently(int kwh, string staffel, string zonen)
    {
        Cost(BandModel.Staffel, kwh).ShouldBe(decimal.Parse(staffel, CultureInfo.InvariantCulture));
        Cost(BandModel.Zonen, kwh).ShouldBe(decimal.Parse(zonen, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Zonen_breakdown_has_one_line_per_slice()
    {
        var cost = TariffCostCalculator.Calculate(
            TariffPrices.Banded(PricingMode.PassThrough, 100m, BandModel.Zonen, TwoBands), LocationCharges.VatOnly(0m), Consumption.Power(3_000m));

        cost.Lines.Select(l => (l.Code, l.Quantity, l.UnitPrice, l.Net)).ShouldBe(
        [
            ("SupplierBasePrice", 1m, 100m, 100m),
            ("SupplierWorkingPrice.Zone1", 2_000m, 30m, 600m),
            ("SupplierWorkingPrice.Zone2", 1_000m, 25m, 250m),
        ]);
    }

    [Fact]
    public void Staffel_band_may_carry_its_own_base_price()
    {
        // 3,000 kWh fall into band 2 with GP 150 €: 150 + 3,000 × 0.25 = 900.
        var tariff = TariffPrices.Banded(PricingMode.AllInclusive, 100m, BandModel.Staffel,
            new ConsumptionBand(0m, 2_000m, 30m), new ConsumptionBand(2_000m, null, 25m, 150m));

        var cost = TariffCostCalculator.Calculate(tariff, LocationCharges.VatOnly(0m), Consumption.Power(3_000m));

        cost.LaterYears.Net.ShouldBe(900m);
        cost.EffectiveBasePricePerYear.ShouldBe(150m);
    }

    private static decimal Cost(BandModel model, decimal kwh) =>
        TariffCostCalculator.Calculate(TariffPrices.Banded(PricingMode.AllInclusive, 100m, model, TwoBands),
            LocationCharges.VatOnly(0m), Consumption.Power(kwh)).LaterYears.Net;
}
