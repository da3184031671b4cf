using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Tests.Infrastructure;

namespace Joules.Core.Tests.Domain.Tariffs;

/// <summary>Heating tariffs (heat pump, night storage) exist for power only; every tariff starts as general supply.</summary>
public class TariffUsageTests
{
    [Fact]
    public void A_power_tariff_can_be_a_heat_pump_or_night_storage_tariff()
    {
        var tariff = TestData.PowerTariff(Guid.NewGuid());
        tariff.Usage.ShouldBe(TariffUsage.General);

        tariff.ChangeUsage(TariffUsage.HeatPump);
        tariff.Usage.ShouldBe(TariffUsage.HeatPump);
        tariff.ChangeUsage(TariffUsage.NightStorage);
        tariff.Usage.ShouldBe(TariffUsage.NightStorage);
    }

    [Theory]
    [InlineData(TariffUsage.HeatPump)]
    [InlineData(TariffUsage.NightStorage)]
    public void A_gas_tariff_refuses_a_heating_usage_naming_the_field(TariffUsage usage)
    {
        var tariff = new Tariff(Guid.NewGuid(), "G-TEST", "Testgas", Commodity.Gas, CustomerType.Household, new TariffTerms(12, 1, 4, 12));

        var e = Should.Throw<DomainException>(() => tariff.ChangeUsage(usage));

        e.Field.ShouldBe("Usage");
        tariff.Usage.ShouldBe(TariffUsage.General);
    }
}
