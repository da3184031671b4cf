using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.UseCases.Orders;
using Shouldly;

namespace Joules.Core.Tests.UseCases.Orders;

public class FindOrderableTariffsTests : OrderScenario
{
    private OrderableTariffQuery Query(string postalCode = "79100", int? kwh = 2500, int? persons = null) =>
        new(BrandA.Id, Commodity.Electricity, CustomerType.Household, postalCode, kwh, persons, Today);

    [Fact]
    public async Task Lists_active_tariffs_with_a_current_price_list_priced_all_inclusive_with_VAT()
    {
        await SeedAsync();
        await using var db = Funnel();

        var result = await new FindOrderableTariffs(db).RunAsync(Query());

        result.Tariffs.Select(t => t.Code).ShouldBe(["STROM-BONUS", "STROM-BASIS"]);
        var basis = result.Tariffs.Single(t => t.Code == "STROM-BASIS");
        // 120 € + 2,500 kWh × 25 ct = 745 € net; × 1.19 = 886.55 €
        basis.LaterYearsGross.ShouldBe(886.55m);
        basis.FirstYearGross.ShouldBe(886.55m);
        basis.MonthlyInstalment.ShouldBe(74m);
        basis.BonusesGross.ShouldBe(0m);
        var bonus = result.Tariffs.Single(t => t.Code == "STROM-BONUS");
        // 120 + 650 = 770 net → 916.30 gross; bonuses 150 net → 178.50 gross
        bonus.LaterYearsGross.ShouldBe(916.30m);
        bonus.BonusesGross.ShouldBe(178.50m);
        bonus.FirstYearGross.ShouldBe(737.80m);
        bonus.PriceGuaranteeMonths.ShouldBe(24);
    }

    [Fact]
    public async Task A_heat_pump_is_offered_only_the_heat_pump_tariff_and_household_power_never_includes_it()
    {
        await SeedAsync();
        await using var db = Funnel();

        var heatPump = await new FindOrderableTariffs(db).RunAsync(Query(kwh: 6000) with { Usage = TariffUsage.HeatPump });
        var nightStorage = await new FindOrderableTariffs(db).RunAsync(Query(kwh: 6000) with { Usage = TariffUsage.NightStorage });

        heatPump.Tariffs.ShouldHaveSingleItem().Code.ShouldBe("WAERME");
        // 90 € + 6,000 kWh × 21 ct = 1,350 € net; × 1.19 = 1,606.50 €
        heatPump.Tariffs[0].LaterYearsGross.ShouldBe(1606.50m);
        nightStorage.Tariffs.ShouldBeEmpty();
    }

    [Fact]
    public async Task Household_size_gives_the_typical_consumption()
    {
        await SeedAsync();
        await using var db = Funnel();

        var result = await new FindOrderableTariffs(db).RunAsync(Query(kwh: null, persons: 3));

        result.AnnualKwh.ShouldBe(3500);
    }

    [Fact]
    public async Task Postal_code_the_brand_does_not_supply_is_a_clear_error()
    {
        await SeedAsync();
        await using var db = Funnel();

        var error = await Should.ThrowAsync<DomainException>(() => new FindOrderableTariffs(db).RunAsync(Query("10115")));

        error.Field.ShouldBe("PostalCode");
        error.Message.ShouldBe("In die Postleitzahl 10115 liefert Brand A leider nicht.");
    }

    [Theory]
    [InlineData("7910", "PostalCode")]
    [InlineData("abcde", "PostalCode")]
    public async Task Invalid_postal_code_is_refused(string postalCode, string field)
    {
        await SeedAsync();
        await using var db = Funnel();

        var error = await Should.ThrowAsync<DomainException>(() => new FindOrderableTariffs(db).RunAsync(Query(postalCode)));

        error.Field.ShouldBe(field);
    }

    [Fact]
    public async Task Missing_consumption_names_the_field()
    {
        await SeedAsync();
        await using var db = Funnel();

        var error = await Should.ThrowAsync<DomainException>(() => new FindOrderableTariffs(db).RunAsync(Query(kwh: null)));

        error.Field.ShouldBe("AnnualKwh");
    }

    [Fact]
    public async Task Without_market_data_the_comparison_offers_the_tariffs_exactly_as_priced_from_the_price_lists()
    {
        await SeedAsync();
        await using var db = Funnel();
        var useCase = new FindOrderableTariffs(db);

        var plain = await useCase.RunAsync(Query());
        var compared = await useCase.CompareAsync(Query() with { Street = "Hauptstraße", HouseNumber = "1" });
        var location = await useCase.LocateAsync(Query());

        compared.Tariffs.Select(t => (t.Code, t.FirstYearGross, t.MonthlyInstalment)).ShouldBe(plain.Tariffs.Select(t => (t.Code, t.FirstYearGross, t.MonthlyInstalment)));
        compared.Tariffs.ShouldAllBe(t => t.SavingsAgainstDefaultSupply == null && !t.HasMarketBreakdown);
        compared.DefaultSupplier.ShouldBeNull();
        location.ShouldBe(OrderLocation.Unknown);
    }
}
