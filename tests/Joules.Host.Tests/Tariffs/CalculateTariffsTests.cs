using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Integration;
using Joules.Core.MarketData;
using Joules.Core.Pricing;
using Joules.Core.UseCases.Tariffs;
using Joules.Host.Tests.Infrastructure;
using Joules.Host.Tests.MarketData;
using Joules.Simulators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Joules.Host.Tests.Tariffs;

/// <summary>The tariff calculator in a real host against the market data simulator over HTTP: our all-inclusive tariffs
/// with every component of the location, rank among the competitors and savings against the default supply; a postal code
/// with several grid areas asks for the street; an outage still prices our tariffs and says what is missing.</summary>
public sealed class CalculateTariffsTests(CalculateTariffsTests.Fixture app) : IClassFixture<CalculateTariffsTests.Fixture>
{
    private static readonly DateOnly Day = new(2026, 2, 1);

    public sealed class Fixture : MarketDataHost;

    [Fact]
    public async Task Prices_our_tariff_with_grid_fees_levies_and_taxes_and_ranks_it_among_the_competitors()
    {
        var brand = await BrandWithTariffAsync("80331");

        var result = await CalculateAsync(new TariffCalculationRequest(brand, Commodity.Electricity, CustomerType.Household, "80331", 3500m, Date: Day));

        result.NeedsStreet.ShouldBeFalse();
        result.GridArea.ShouldNotBeNull().GridAreaName.ShouldContain("München");
        var ours = result.Tariffs.ShouldHaveSingleItem();
        var codes = ours.Breakdown.Lines.Select(l => l.Code).ToList();
        codes.ShouldContain("EnergyShare");
        codes.ShouldContain("KWKG");
        ours.Breakdown.Lines.Single(l => l.Code == "KWKG").UnitPrice.ShouldBe(0.446m);
        ours.Breakdown.Lines.Sum(l => l.Net).ShouldBe(120m + 28.5m * 35m, 0.0001m);
        // All-inclusive: the customer pays the tariff's price whatever the location's components are.
        ours.Breakdown.LaterYears.Gross.ShouldBe(PricingRounding.Cents((120m + 28.5m * 35m) * 1.19m));
        ours.Breakdown.FirstYear.Gross.ShouldBe(ours.Breakdown.LaterYears.Gross - PricingRounding.Cents(50m * 1.19m));
        result.Competitors.Count.ShouldBeInRange(20, 60);
        ours.Rank.ShouldBe(result.Competitors.Count(c => c.Breakdown.FirstYear.Gross < ours.Breakdown.FirstYear.Gross) + 1);
        result.DefaultSupply.ShouldNotBeNull();
        ours.SavingsAgainstDefaultSupply.ShouldNotBeNull().FirstYearGross
            .ShouldBe(result.DefaultSupply.FirstYear.Gross - ours.Breakdown.FirstYear.Gross);
        result.Sources.ShouldNotBeEmpty();
        result.Sources.ShouldAllBe(s => s.IsValidOn(Day));
        result.MarketDataProblems.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_postal_code_with_several_grid_areas_asks_for_the_street_and_the_street_decides()
    {
        var brand = await BrandWithTariffAsync("10115");

        var ambiguous = await CalculateAsync(new TariffCalculationRequest(brand, Commodity.Electricity, CustomerType.Household, "10115", 2500m, Date: Day));
        var decided = await CalculateAsync(new TariffCalculationRequest(brand, Commodity.Electricity, CustomerType.Household, "10115", 2500m,
            Street: "Torstraße", HouseNumber: "12", Date: Day));

        ambiguous.NeedsStreet.ShouldBeTrue();
        ambiguous.Streets.Select(s => s.Name).ShouldContain("Torstraße");
        ambiguous.Tariffs.ShouldHaveSingleItem().Rank.ShouldBeNull();
        decided.NeedsStreet.ShouldBeFalse();
        decided.GridArea.ShouldNotBeNull().GridAreaName.ShouldBe("Berlin-Nord Strom");
        decided.Tariffs.ShouldHaveSingleItem().Rank.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_provider_outage_still_prices_our_tariffs_and_says_what_is_missing()
    {
        var brand = await BrandWithTariffAsync("00503");

        var result = await CalculateAsync(new TariffCalculationRequest(brand, Commodity.Electricity, CustomerType.Household, "00503", 3500m, Date: Day));

        var ours = result.Tariffs.ShouldHaveSingleItem();
        ours.Breakdown.LaterYears.Gross.ShouldBe(PricingRounding.Cents((120m + 28.5m * 35m) * 1.19m));
        ours.Rank.ShouldBeNull();
        result.MarketDataProblems.ShouldNotBeEmpty();
        result.Competitors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_postal_code_the_brand_does_not_supply_is_refused_with_a_clear_message()
    {
        var brand = await BrandWithTariffAsync("80331");

        var e = await Should.ThrowAsync<DomainException>(() =>
            CalculateAsync(new TariffCalculationRequest(brand, Commodity.Electricity, CustomerType.Household, "50667", 3500m, Date: Day)));

        e.Message.ShouldContain("50667");
        e.Field.ShouldBe("PostalCode");
    }

    [Fact]
    public async Task A_new_price_list_version_and_a_deactivated_tariff_apply_to_the_next_calculation()
    {
        var brand = await BrandWithTariffAsync("80331");
        var request = new TariffCalculationRequest(brand, Commodity.Electricity, CustomerType.Household, "80331", 3500m, Date: Day);
        var before = (await CalculateAsync(request)).Tariffs.ShouldHaveSingleItem();

        await app.App.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            var area = db.DeliveryAreas.IgnoreQueryFilters().Single(a => a.BrandId == brand);
            var tariff = db.Tariffs.IgnoreQueryFilters().Single(t => t.BrandId == brand);
            await new AddPriceListVersion(db).RunAsync(tariff.Id, new PriceListInput
            {
                DeliveryAreaId = area.Id, ValidFrom = new DateOnly(2026, 1, 1), BasePricePerYear = 130m, EnergyPriceCtPerKwh = 30m,
            });
        });
        var after = (await CalculateAsync(request)).Tariffs.ShouldHaveSingleItem();
        await app.App.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            db.Tariffs.IgnoreQueryFilters().Single(t => t.BrandId == brand).IsActive = false;
            await db.SaveChangesAsync();
        });
        var e = await Should.ThrowAsync<DomainException>(() => CalculateAsync(request));

        after.PriceListId.ShouldNotBe(before.PriceListId);
        after.Breakdown.LaterYears.Gross.ShouldBe(PricingRounding.Cents((130m + 30m * 35m) * 1.19m));
        e.Field.ShouldBe("PostalCode");
    }

    [Fact]
    public async Task Without_levies_an_Austrian_postal_code_is_priced_with_Austrian_VAT()
    {
        var brand = await BrandWithTariffAsync("6020");

        var result = await CalculateAsync(new TariffCalculationRequest(brand, Commodity.Electricity, CustomerType.Household, "6020", 3500m, Date: Day));

        result.MarketDataProblems.ShouldNotBeEmpty();
        result.Tariffs.ShouldHaveSingleItem().Breakdown.LaterYears.Gross.ShouldBe(PricingRounding.Cents((120m + 28.5m * 35m) * 1.20m));
    }

    [Fact]
    public async Task A_heat_pump_is_priced_only_with_heat_pump_tariffs_and_the_reduced_grid_fees_of_section_14a()
    {
        var brand = await BrandWithTariffAsync("80331");
        await AddHeatingTariffAsync(brand, "80331", "WP", TariffUsage.HeatPump);
        await AddHeatingTariffAsync(brand, "80331", "NS", TariffUsage.NightStorage);
        var general = await CalculateAsync(new TariffCalculationRequest(brand, Commodity.Electricity, CustomerType.Household, "80331", 3500m, Date: Day));
        var fees = await GridFeesAsync(brand, general.GridArea!.GridAreaId);

        var heatPump = await CalculateAsync(new TariffCalculationRequest(brand, Commodity.Electricity, CustomerType.Household, "80331", 3500m, Date: Day,
            Usage: TariffUsage.HeatPump));
        var nightStorage = await CalculateAsync(new TariffCalculationRequest(brand, Commodity.Electricity, CustomerType.Household, "80331", 3500m, Date: Day,
            Usage: TariffUsage.NightStorage));

        general.Tariffs.ShouldHaveSingleItem().Code.ShouldBe("STROM");
        var wp = heatPump.Tariffs.ShouldHaveSingleItem();
        wp.Code.ShouldBe("WP");
        wp.Breakdown.Lines.Single(l => l.Code == "GridWorkingPrice").UnitPrice.ShouldBe(fees.ControllableDevices!.Module2WorkingPriceCtPerKwh);
        wp.Breakdown.Lines.Single(l => l.Code == "ConcessionFee").UnitPrice.ShouldBe(fees.ConcessionFeeCtPerKwh);
        wp.Rank.ShouldBeNull();
        heatPump.Competitors.ShouldBeEmpty();
        heatPump.MarketDataProblems.ShouldBeEmpty();
        var ns = nightStorage.Tariffs.ShouldHaveSingleItem();
        ns.Code.ShouldBe("NS");
        ns.Breakdown.Lines.Single(l => l.Code == "ConcessionFee").UnitPrice.ShouldBe(0.61m);
    }

    private async Task AddHeatingTariffAsync(Guid brand, string postalCode, string code, TariffUsage usage)
    {
        await app.App.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            var area = db.DeliveryAreas.IgnoreQueryFilters().Single(a => a.BrandId == brand);
            var tariff = new Tariff(brand, code, "Wärmestrom " + code, Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 1, 4, 12));
            tariff.ChangeUsage(usage);
            tariff.AddPriceList(area, new DateOnly(2025, 1, 1), new PriceComponents(90m, 22m, 0m, 0m));
            db.Add(tariff);
            await db.SaveChangesAsync();
        });
    }

    private async Task<GridFeeSheet> GridFeesAsync(Guid brand, string gridAreaId)
    {
        GridFeeSheet result = null!;
        await app.App.WithScopeAsync(async s => result = await s.GetRequiredService<MarketDataService>()
            .GridFeesAsync(brand, new GridFeeQuery(gridAreaId, MarketCommodity.Power, MarketMetering.Slp, "80331") { Date = Day }));
        return result;
    }

    private async Task<TariffCalculation> CalculateAsync(TariffCalculationRequest request)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        TariffCalculation result = null!;
        await app.App.WithScopeAsync(async s => result = await s.GetRequiredService<CalculateTariffs>().RunAsync(request));
        return result;
    }

    private static int _brands;

    private async Task<Guid> BrandWithTariffAsync(string postalCode)
    {
        var brand = new Brand("TR" + Interlocked.Increment(ref _brands), "Rechner-Testmarke " + _brands);
        await app.App.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            db.Brands.Add(brand);
            var area = new DeliveryArea(brand.Id, "Gebiet " + postalCode, [postalCode]);
            var tariff = new Tariff(brand.Id, "STROM", "Teststrom", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 1, 4, 12));
            tariff.AddPriceList(area, new DateOnly(2025, 1, 1), new PriceComponents(120m, 28.5m, 50m, 0m));
            db.AddRange(area, tariff);
            await db.SaveChangesAsync();
        });
        return brand.Id;
    }
}
