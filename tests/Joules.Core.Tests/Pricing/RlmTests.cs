using System.Globalization;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Pricing;

namespace Joules.Core.Tests.Pricing;

public class RlmTests
{
    public RlmTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    // Grid: below 2,500 h LP 20 €/kW/a + AP 6 ct; from 2,500 h LP 100 €/kW/a + AP 2 ct. Peak 100 kW, VAT 0,
    // supplier AP 10 ct (pass-through). Benutzungsdauer = kWh / 100 kW.
    //   200,000 kWh (2,000 h): 100 × 20 + 200,000 × 0.06 = 14,000      + supplier 20,000    = 34,000.00
    //   249,999 kWh (2,499.99 h): 2,000 + 249,999 × 0.06 = 16,999.94   + supplier 24,999.90 = 41,999.84
    //   250,000 kWh (2,500 h, "from"): 100 × 100 + 250,000 × 0.02 = 15,000 + supplier 25,000 = 40,000.00
    //   300,000 kWh (3,000 h): 10,000 + 6,000 = 16,000                 + supplier 30,000    = 46,000.00
    private static readonly LocationCharges Location = new() { VatPercent = 0m, Rlm = new RlmGridPrices(20m, 6m, 100m, 2m) };

    [Theory]
    [InlineData(200_000, "34000.00", "Below2500h", 20)]
    [InlineData(249_999, "41999.84", "Below2500h", 20)]
    [InlineData(250_000, "40000.00", "Above2500h", 100)]
    [InlineData(300_000, "46000.00", "Above2500h", 100)]
    public void Capacity_and_working_price_pair_is_chosen_at_2500_hours(int kwh, string total, string pair, int capacityPrice)
    {
        var cost = TariffCostCalculator.Calculate(TariffPrices.Flat(PricingMode.PassThrough, 0m, 10m), Location,
            new Consumption(Commodity.Electricity, kwh, 100m));

        cost.LaterYears.Net.ShouldBe(decimal.Parse(total, CultureInfo.InvariantCulture));
        var capacity = cost.Lines.Single(l => l.Unit == PriceUnit.EuroPerKwYear);
        capacity.Code.ShouldBe("GridCapacityPrice." + pair);
        (capacity.Quantity, capacity.UnitPrice).ShouldBe((100m, (decimal)capacityPrice));
        cost.Lines.ShouldContain(l => l.Code == "GridWorkingPrice." + pair);
        cost.EffectiveBasePricePerYear.ShouldBe(100m * capacityPrice); // the capacity price does not depend on kWh
    }

    [Fact]
    public void RLM_consumption_above_the_SLP_limit_is_accepted()
    {
        var cost = TariffCostCalculator.Calculate(TariffPrices.Flat(PricingMode.PassThrough, 0m, 10m), Location,
            new Consumption(Commodity.Electricity, 20_000_000m, 4_000m));
        cost.LaterYears.Net.ShouldBe(4_000m * 100m + 20_000_000m * 0.12m);
    }

    [Fact]
    public void RLM_consumption_needs_RLM_grid_prices()
    {
        var ex = Should.Throw<DomainException>(() => TariffCostCalculator.Calculate(TariffPrices.Flat(PricingMode.PassThrough, 0m, 10m),
            PricingFixtures.Location2026(), new Consumption(Commodity.Electricity, 200_000m, 100m)));
        ex.Field.ShouldBe(nameof(LocationCharges.Rlm));
        ex.Message.ShouldContain("2.500");
    }

    [Fact]
    public void Peak_load_that_implies_more_hours_than_a_year_has_is_refused()
    {
        // 1,000,000 kWh at 100 kW = 10,000 h > 8,784 h.
        var ex = Should.Throw<DomainException>(() => TariffCostCalculator.Calculate(TariffPrices.Flat(PricingMode.PassThrough, 0m, 10m),
            Location, new Consumption(Commodity.Electricity, 1_000_000m, 100m)));
        ex.Field.ShouldBe(nameof(Consumption.PeakLoadKw));
        ex.Message.ShouldContain("10.000 Benutzungsstunden");
    }
}
