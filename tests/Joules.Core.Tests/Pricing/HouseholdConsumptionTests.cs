using System.Globalization;
using Joules.Core.Domain.Common;
using Joules.Core.Pricing;

namespace Joules.Core.Tests.Pricing;

public class HouseholdConsumptionTests
{
    public HouseholdConsumptionTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    [Theory]
    [InlineData(1, 1_500)]
    [InlineData(2, 2_500)]
    [InlineData(3, 3_500)]
    [InlineData(4, 4_250)]
    [InlineData(5, 5_250)]
    [InlineData(8, 5_250)]
    public void Power_consumption_follows_the_household_size(int persons, int kwh) =>
        HouseholdConsumption.Power(persons).ShouldBe(kwh);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(21)]
    public void Rejects_household_sizes_outside_1_to_20(int persons)
    {
        var ex = Should.Throw<DomainException>(() => HouseholdConsumption.Power(persons));
        ex.Field.ShouldBe("persons");
        ex.Message.ShouldBe("Die Haushaltsgröße muss zwischen 1 und 20 Personen liegen.");
    }

    [Fact]
    public void Gas_consumption_is_140_kWh_per_square_metre()
    {
        HouseholdConsumption.Gas(100m).ShouldBe(14_000m);
        HouseholdConsumption.Gas(72.5m).ShouldBe(10_150m);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-10")]
    [InlineData("10000.5")]
    public void Rejects_living_area_outside_the_range(string area)
    {
        var ex = Should.Throw<DomainException>(() => HouseholdConsumption.Gas(decimal.Parse(area, CultureInfo.InvariantCulture)));
        ex.Message.ShouldContain("Wohnfläche");
    }

    [Fact]
    public void Household_estimate_feeds_the_calculator()
    {
        var kwh = HouseholdConsumption.Power(3);
        var cost = TariffCostCalculator.Calculate(PricingFixtures.AppendixB(), LocationCharges.VatOnly(), Consumption.Power(kwh));
        cost.FirstYear.Gross.ShouldBe(1_042.30m);
    }
}
