using System.Globalization;
using Joules.Core.Pricing;
using static Joules.Core.Tests.Pricing.PricingFixtures;

namespace Joules.Core.Tests.Pricing;

public class PassThroughTests
{
    public PassThroughTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    // Supplier GP 60 €/a + AP 12 ct; location 2026: grid 8.00 ct + 70 €, metering 25 €, KA 1.99, KWKG 0.446,
    // Offshore 0.941, § 19 1.559, Stromsteuer 2.05 ct. At 3,500 kWh:
    //   per kWh 12 + 8 + 1.99 + 0.446 + 0.941 + 1.559 + 2.05 = 26.986 ct × 3,500 = 944.51 €
    //   per year 60 + 70 + 25 = 155 €  → 1,099.51 € net, VAT 19 % 208.9069 → 208.91, gross 1,308.42 €.
    private static CostBreakdown Cost() =>
        TariffCostCalculator.Calculate(TariffPrices.Flat(PricingMode.PassThrough, 60m, 12m), Location2026(), Consumption.Power(3_500m));

    [Fact]
    public void Adds_grid_fees_metering_concession_levies_and_tax_to_the_supplier_price()
    {
        var cost = Cost();

        cost.LaterYears.ShouldBe(new CostTotals(1_099.51m, 208.91m, 1_308.42m));
        cost.Lines.Select(l => l.Code).ShouldBe(
        [
            "SupplierBasePrice", "SupplierWorkingPrice", "GridWorkingPrice", "GridBasePrice", "Metering",
            "ConcessionFee", "KWKG", "OFFSHORE", "NEV19", "ElectricityTax",
        ]);
        cost.Lines.Single(l => l.Code == "OFFSHORE").Net.ShouldBe(32.935m);
        cost.Lines.Single(l => l.Code == "ElectricityTax").Name.ShouldBe("Stromsteuer");
        cost.Lines.Single(l => l.Code == "KWKG").Name.ShouldBe("KWKG-Umlage");
    }

    [Fact]
    public void Breakdown_lines_add_up_to_the_total()
    {
        var cost = Cost();

        PricingRounding.Cents(cost.Lines.Sum(l => l.Net)).ShouldBe(cost.LaterYears.Net);
        PricingRounding.Cents(cost.Lines.Sum(l => l.Gross)).ShouldBe(cost.LaterYears.Gross);
        cost.FirstYear.ShouldBe(cost.LaterYears); // no bonuses
        cost.MonthlyInstalment.ShouldBe(110m);    // 1,308.42 / 12 = 109.035 → 110
    }

    [Fact]
    public void VAT_of_19_percent_applies_to_every_line()
    {
        foreach (var line in Cost().Lines)
        {
            line.Vat.ShouldBe(line.Net * 0.19m, line.Code);
            line.Gross.ShouldBe(line.Net + line.Vat, line.Code);
        }
    }

    [Fact]
    public void Gas_shows_energy_tax_and_leaves_zero_components_out()
    {
        // Gas: grid 1.2 ct + 180 €, KA 0.03, CO₂ 1.0 ct, Energiesteuer 0.55 ct; supplier GP 0, AP 6 ct; 20,000 kWh.
        // per kWh 6 + 1.2 + 0.03 + 1.0 + 0.55 = 8.78 ct × 20,000 = 1,756 € + 180 € = 1,936.00 € net.
        var location = new LocationCharges
        {
            GridWorkingPriceCtPerKwh = 1.2m, GridBasePricePerYear = 180m, ConcessionFeeCtPerKwh = 0.03m,
            Levies = [new Levy("CO2", "CO₂-Preis (BEHG)", 1.0m), new Levy("STORAGE", "Gasspeicherumlage", 0m)],
            EnergyTaxCtPerKwh = 0.55m,
        };

        var cost = TariffCostCalculator.Calculate(TariffPrices.Flat(PricingMode.PassThrough, 0m, 6m), location, Consumption.Gas(20_000m));

        cost.LaterYears.Net.ShouldBe(1_936.00m);
        cost.Lines.Single(l => l.Code == "EnergyTax").Name.ShouldBe("Energiesteuer");
        cost.Lines.ShouldNotContain(l => l.Code == "STORAGE" || l.Code == "Metering");
        cost.EffectiveBasePricePerYear.ShouldBe(180m);
        cost.EffectiveWorkingPriceCtPerKwh.ShouldBe(8.78m);
    }

    [Fact]
    public void Line_names_follow_the_UI_culture()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        Cost().Lines.Single(l => l.Code == "Metering").Name.ShouldBe("Metering");
    }
}
