using System.Globalization;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Pricing;
using static Joules.Core.Tests.Pricing.PricingFixtures;

namespace Joules.Core.Tests.Pricing;

public class PricingValidationTests
{
    public PricingValidationTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    private static readonly TariffPrices Valid = TariffPrices.Flat(PricingMode.PassThrough, 60m, 12m);

    private static DomainException Refused(TariffPrices tariff, LocationCharges? location = null, Consumption? consumption = null) =>
        Should.Throw<DomainException>(() => TariffCostCalculator.Calculate(tariff, location ?? Location2026(), consumption ?? Consumption.Power(3_500m)));

    [Fact]
    public void Rejects_negative_base_price_naming_the_field()
    {
        var ex = Refused(Valid with { BasePricePerYear = -1m });
        ex.Field.ShouldBe(nameof(TariffPrices.BasePricePerYear));
        ex.Message.ShouldBe("„Grundpreis (€/Jahr)“ darf nicht negativ sein.");
    }

    [Fact]
    public void Rejects_negative_working_price_bonus_and_free_kWh()
    {
        Refused(Valid with { WorkingPriceCtPerKwh = -0.0001m }).Field.ShouldBe(nameof(TariffPrices.WorkingPriceCtPerKwh));
        Refused(Valid with { InstantBonus = -5m }).Message.ShouldContain("Sofortbonus");
        Refused(Valid with { NewCustomerBonus = NewCustomerBonus.Fixed(-5m) }).Field.ShouldBe(nameof(TariffPrices.NewCustomerBonus));
        Refused(Valid with { NewCustomerBonus = NewCustomerBonus.Percent(150m) }).Field.ShouldBe(nameof(TariffPrices.NewCustomerBonus));
        Refused(Valid with { FreeKwh = -1m }).Field.ShouldBe(nameof(TariffPrices.FreeKwh));
    }

    [Fact]
    public void Rejects_negative_location_prices_and_levies()
    {
        Refused(Valid, Location2026() with { GridWorkingPriceCtPerKwh = -1m }).Message.ShouldContain("Netzentgelt Arbeitspreis");
        Refused(Valid, Location2026() with { MeteringPerYear = -1m }).Field.ShouldBe(nameof(LocationCharges.MeteringPerYear));
        Refused(Valid, Location2026() with { Levies = [new Levy("KWKG", "KWKG-Umlage", -0.1m)] }).Message.ShouldContain("KWKG-Umlage");
        Refused(Valid, Location2026() with { Levies = [new Levy(" ", "Ohne Kürzel", 0.1m)] }).Field.ShouldBe(nameof(LocationCharges.Levies));
        Refused(Valid, Location2026() with { VatPercent = 100m }).Field.ShouldBe(nameof(LocationCharges.VatPercent));
        Refused(Valid, Location2026() with { Rlm = new RlmGridPrices(-1m, 1m, 1m, 1m) }).Message.ShouldContain("Leistungspreis unter 2.500 h");
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("-0.1")]
    public void Rejects_HT_share_outside_0_to_1(string share)
    {
        var ex = Refused(TariffPrices.TimeOfUse(PricingMode.PassThrough, 60m, 30m, 20m, decimal.Parse(share, CultureInfo.InvariantCulture)));
        ex.Field.ShouldBe(nameof(TariffPrices.HighTariffShare));
        ex.Message.ShouldContain("HT-Anteil");
    }

    [Fact]
    public void Accepts_HT_share_at_both_ends_and_requires_it_with_an_NT_price()
    {
        TariffCostCalculator.Calculate(TariffPrices.TimeOfUse(PricingMode.PassThrough, 60m, 30m, 20m, 0m), Location2026(), Consumption.Power(1_000m));
        TariffCostCalculator.Calculate(TariffPrices.TimeOfUse(PricingMode.PassThrough, 60m, 30m, 20m, 1m), Location2026(), Consumption.Power(1_000m));
        Refused(Valid with { LowTariffWorkingPriceCtPerKwh = 20m }).Field.ShouldBe(nameof(TariffPrices.HighTariffShare));
    }

    [Fact]
    public void Rejects_bands_with_a_gap()
    {
        var ex = Refused(TariffPrices.Banded(PricingMode.PassThrough, 0m, BandModel.Staffel,
            new ConsumptionBand(0m, 2_000m, 30m), new ConsumptionBand(2_500m, null, 25m)));
        ex.Field.ShouldBe(nameof(TariffPrices.Bands));
        ex.Message.ShouldBe("Zwischen den Verbrauchsstufen ist eine Lücke von 2.000 kWh bis 2.500 kWh.");
    }

    [Fact]
    public void Rejects_overlapping_bands()
    {
        Refused(TariffPrices.Banded(PricingMode.PassThrough, 0m, BandModel.Zonen,
            new ConsumptionBand(0m, 2_000m, 30m), new ConsumptionBand(1_500m, null, 25m))).Message.ShouldContain("überschneiden sich");
        // An open-ended band that is not the last one overlaps every later band.
        Refused(TariffPrices.Banded(PricingMode.PassThrough, 0m, BandModel.Zonen,
            new ConsumptionBand(0m, null, 30m), new ConsumptionBand(2_000m, null, 25m))).Message.ShouldContain("überschneiden sich");
    }

    [Fact]
    public void Rejects_bands_that_do_not_start_at_zero_or_do_not_end_open()
    {
        Refused(TariffPrices.Banded(PricingMode.PassThrough, 0m, BandModel.Staffel,
            new ConsumptionBand(100m, null, 30m))).Message.ShouldContain("bei 0 kWh beginnen");
        Refused(TariffPrices.Banded(PricingMode.PassThrough, 0m, BandModel.Staffel,
            new ConsumptionBand(0m, 2_000m, 30m), new ConsumptionBand(2_000m, 10_000m, 25m))).Message.ShouldContain("nach oben offen");
        Refused(TariffPrices.Banded(PricingMode.PassThrough, 0m, BandModel.Staffel,
            new ConsumptionBand(0m, 0m, 30m), new ConsumptionBand(0m, null, 25m))).Field.ShouldBe(nameof(TariffPrices.Bands));
    }

    [Fact]
    public void Rejects_zone_base_prices_and_bands_combined_with_HT_NT()
    {
        Refused(TariffPrices.Banded(PricingMode.PassThrough, 0m, BandModel.Zonen,
            new ConsumptionBand(0m, 2_000m, 30m, 100m), new ConsumptionBand(2_000m, null, 25m))).Message.ShouldContain("Zonenmodell");
        Refused(TariffPrices.Banded(PricingMode.PassThrough, 0m, BandModel.Staffel, new ConsumptionBand(0m, null, 30m))
            with { LowTariffWorkingPriceCtPerKwh = 20m, HighTariffShare = 0.5m }).Message.ShouldContain("HT/NT");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Rejects_consumption_of_zero_or_less(string kwh)
    {
        var ex = Refused(Valid, consumption: Consumption.Power(decimal.Parse(kwh, CultureInfo.InvariantCulture)));
        ex.Field.ShouldBe(nameof(Consumption.AnnualKwh));
        ex.Message.ShouldBe("Der Jahresverbrauch muss größer als 0 kWh sein.");
    }

    [Fact]
    public void Rejects_absurd_SLP_consumption_above_10_GWh_but_accepts_10_GWh()
    {
        TariffCostCalculator.Calculate(Valid, Location2026(), Consumption.Gas(10_000_000m)).LaterYears.Net.ShouldBeGreaterThan(0m);
        var ex = Refused(Valid, consumption: Consumption.Gas(10_000_001m));
        ex.Field.ShouldBe(nameof(Consumption.AnnualKwh));
        ex.Message.ShouldContain("10.000.000 kWh");
    }

    [Fact]
    public void Rejects_a_peak_load_of_zero()
    {
        Refused(Valid, consumption: new Consumption(Commodity.Electricity, 100_000m, 0m)).Field.ShouldBe(nameof(Consumption.PeakLoadKw));
    }

    [Fact]
    public void Messages_are_available_in_English()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        Refused(Valid with { BasePricePerYear = -1m }).Message.ShouldBe("“Base price (€/year)” must not be negative.");
    }
}
