using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.MarketData;
using Joules.Core.Pricing;
using Joules.Core.UseCases.Tariffs;
using Joules.Host.Features.Demo;
using Joules.Host.Tests.Infrastructure;
using Joules.Host.Tests.MarketData;
using MarketDataSet = Joules.Simulators.MarketData.MarketDataSet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Joules.Host.Tests.Features.Demo;

/// <summary>Every German postal code a demo brand supplies is known to the market data simulator with its real town, in the
/// city's own grid area for the large cities; Austrian demo codes are not German market data.</summary>
public sealed class DemoPostalCodesTests
{
    private static readonly DemoBrand[] Brands = [DemoCatalog.Sonnental(0), DemoCatalog.Alpenstrom(0)];

    public static TheoryData<string, string, string> GermanPlaces()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var brand in Brands.Where(b => b.Country == "DE"))
            foreach (var area in brand.Areas)
                foreach (var (postalCode, city) in area.Places) data.Add(brand.Code, postalCode, city);
        return data;
    }

    [Theory]
    [MemberData(nameof(GermanPlaces))]
    public void A_German_demo_postal_code_is_in_the_market_data_with_its_town(string brand, string postalCode, string city)
    {
        var entry = MarketDataSet.Shared.FindPostalCode(int.Parse(postalCode, CultureInfo.InvariantCulture));

        entry.ShouldNotBeNull($"{brand} supplies {postalCode} {city}, the market data simulator does not know it");
        entry.City.ShouldBe(city);
        entry.Power.ShouldNotBeEmpty();
        entry.Gas.ShouldNotBeEmpty();
    }

    [Fact]
    public void Every_German_demo_brand_has_postal_codes_to_check()
    {
        GermanPlaces().Count().ShouldBeGreaterThanOrEqualTo(40);
    }

    [Theory]
    [InlineData("79098", "Freiburg im Breisgau")]
    [InlineData("79111", "Freiburg im Breisgau")]
    [InlineData("76133", "Karlsruhe")]
    [InlineData("76228", "Karlsruhe")]
    public void A_large_citys_demo_postal_code_lies_in_the_citys_own_grid_area(string postalCode, string city)
    {
        var entry = MarketDataSet.Shared.FindPostalCode(int.Parse(postalCode, CultureInfo.InvariantCulture)).ShouldNotBeNull();

        entry.Power.ShouldHaveSingleItem().Name.ShouldBe(city + " Strom");
        entry.Gas.ShouldHaveSingleItem().Name.ShouldBe(city + " Gas");
        entry.ConcessionClass.ShouldBe(3);
    }

    [Fact]
    public void Austrian_demo_postal_codes_have_four_digits_and_are_not_German_market_data()
    {
        var austrian = Brands.Where(b => b.Country == "AT").SelectMany(b => b.Areas).SelectMany(a => a.Places).ToList();

        austrian.ShouldNotBeEmpty();
        austrian.ShouldAllBe(p => p.PostalCode.Length == 4);
        MarketDataSet.Shared.PostalCodes.ShouldAllBe(p => p.Code.Length == 5);
    }
}

/// <summary>The staff tariff calculator on the demo brand "Stadtwerke Sonnental" against the demo's own market data
/// simulator: a Karlsruhe postal code gets grid fees, levies, the default supply and a rank among the competitors.</summary>
public sealed class DemoTariffCalculatorTests(DemoTariffCalculatorTests.DemoApp app) : IClassFixture<DemoTariffCalculatorTests.DemoApp>
{
    /// <summary>The demo with its simulator; the two market data adapters stand in for the shipped plugins (the test host's
    /// plugins folder is empty).</summary>
    public sealed class DemoApp : JoulesAppFactory
    {
        public DemoApp()
        {
            DemoCustomers = 3;
            Settings["Joules:Simulators:Enabled"] = "true";
            TestServices = s =>
            {
                s.AddScoped<IMarketDataProvider, MarketDataServiceTests.EnetAdapter>();
                s.AddScoped<IMarketDataProvider, MarketDataServiceTests.GetAgAdapter>();
            };
        }
    }

    [Theory]
    [InlineData("76133", "Karlsruhe Strom")]
    [InlineData("79189", "Jeverland Strom")]
    [InlineData("77652", "Ammerland Strom")]
    public async Task A_demo_postal_code_gets_grid_fees_levies_default_supply_and_a_rank(string postalCode, string gridArea)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        var day = new DateOnly(2026, 2, 1);
        TariffCalculation result = null!;
        using var client = app.CreateClient();   // starts the host: migrations, demo data, simulator
        await app.WithScopeAsync(async s =>
        {
            var brand = await s.GetRequiredService<JoulesDbContext>().Brands.SingleAsync(b => b.Code == "SWS");
            result = await s.GetRequiredService<CalculateTariffs>().RunAsync(
                new TariffCalculationRequest(brand.Id, Commodity.Electricity, CustomerType.Household, postalCode, 3500m, Date: day));
        });

        result.MarketDataProblems.ShouldBeEmpty();
        result.NeedsStreet.ShouldBeFalse();
        result.GridArea.ShouldNotBeNull().GridAreaName.ShouldBe(gridArea);
        result.DefaultSupply.ShouldNotBeNull();
        result.Competitors.ShouldNotBeEmpty();
        result.Tariffs.ShouldNotBeEmpty();
        foreach (var tariff in result.Tariffs)
        {
            tariff.Breakdown.Lines.ShouldContain(l => l.Kind == CostLineKind.Grid && l.Code == "GridWorkingPrice", tariff.Code);
            tariff.Breakdown.Lines.ShouldContain(l => l.Code == "KWKG", tariff.Code);
            tariff.Breakdown.Lines.ShouldContain(l => l.Code == "OFFSHORE", tariff.Code);
            tariff.Rank.ShouldNotBeNull(tariff.Code);
            tariff.SavingsAgainstDefaultSupply.ShouldNotBeNull(tariff.Code);
        }
    }
}
