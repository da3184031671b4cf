using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.MarketData;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Integration;
using Joules.Core.MarketData;
using Joules.Core.Pricing;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Orders;
using Joules.Core.UseCases.Tariffs;
using Joules.Host.Tests.Infrastructure;
using Joules.Host.Tests.MarketData;
using Joules.Simulators;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace Joules.Host.Tests.Orders;

/// <summary>The order funnel's tariffs with market data, in a real host against the market data simulator over HTTP:
/// savings against the default supply and the breakdown come from the tariff calculator (same first-year cost), a postal
/// code with several grid areas asks for the street, and an outage, a slow provider or no provider leave the tariffs
/// exactly as without market data.</summary>
public sealed class FindOrderableTariffsMarketDataTests(FindOrderableTariffsMarketDataTests.Fixture app) : IClassFixture<FindOrderableTariffsMarketDataTests.Fixture>
{
    private static readonly DateOnly Day = new(2026, 2, 1);

    public sealed class Fixture : MarketDataHost
    {
        protected override SimulatorServerOptions SimulatorOptions => new() { MarketData = { SlowDelay = TimeSpan.FromSeconds(30) } };
    }

    [Fact]
    public async Task Shows_savings_against_the_default_supply_and_the_breakdown_of_the_location()
    {
        var brand = await BrandWithTariffsAsync("80331");

        var compared = await InFunnelAsync(brand, f => f.CompareAsync(Query(brand, "80331", 3500)));

        compared.DefaultSupplier.ShouldNotBeNullOrWhiteSpace();
        compared.NeedsStreet.ShouldBeFalse();
        compared.Tariffs.Count.ShouldBe(2);
        foreach (var tariff in compared.Tariffs)
        {
            tariff.HasMarketBreakdown.ShouldBeTrue();
            var codes = tariff.Cost.Lines.Select(l => l.Code).ToList();
            codes.ShouldContain("EnergyShare");
            codes.ShouldContain("KWKG");
            tariff.SavingsAgainstDefaultSupply.ShouldNotBeNull();
        }
        // The current fields stay: all-inclusive price list, VAT only → 120 € + 3,500 kWh × 28.5 ct = 1,117.50 € net.
        var basis = compared.Tariffs.Single(t => t.Code == "STROM");
        basis.LaterYearsGross.ShouldBe(PricingRounding.Cents(1117.5m * 1.19m));
        basis.FirstYearGross.ShouldBe(basis.LaterYearsGross - PricingRounding.Cents(50m * 1.19m));
        basis.BasePricePerYearGross.ShouldBe(142.80m);
        compared.Tariffs.Select(t => t.FirstYearGross).ShouldBeInOrder();
    }

    [Fact]
    public async Task First_year_cost_and_savings_equal_the_staff_calculators_for_the_same_input()
    {
        var brand = await BrandWithTariffsAsync("80331");

        var funnel = await InFunnelAsync(brand, f => f.CompareAsync(Query(brand, "80331", kwh: null, persons: 3)));
        var staff = await CalculateAsync(new TariffCalculationRequest(brand, Commodity.Electricity, CustomerType.Household, "80331", funnel.AnnualKwh, Date: Day));

        staff.Tariffs.Count.ShouldBe(funnel.Tariffs.Count);
        foreach (var calculated in staff.Tariffs)
        {
            var offered = funnel.Tariffs.Single(t => t.TariffId == calculated.TariffId);
            offered.FirstYearGross.ShouldBe(calculated.Breakdown.FirstYear.Gross);
            offered.LaterYearsGross.ShouldBe(calculated.Breakdown.LaterYears.Gross);
            offered.MonthlyInstalment.ShouldBe(calculated.Breakdown.MonthlyInstalment);
            offered.SavingsAgainstDefaultSupply.ShouldBe(calculated.SavingsAgainstDefaultSupply);
            offered.Cost.Lines.Select(l => (l.Code, l.Gross)).ShouldBe(calculated.Breakdown.Lines.Select(l => (l.Code, l.Gross)));
        }
        funnel.DefaultSupplier.ShouldBe(staff.DefaultSupplier);
    }

    [Fact]
    public async Task A_postal_code_with_several_grid_areas_asks_for_the_street_which_then_decides()
    {
        var brand = await BrandWithTariffsAsync("10115");

        var location = await InFunnelAsync(brand, f => f.LocateAsync(Query(brand, "10115", 2500)));
        var undecided = await InFunnelAsync(brand, f => f.CompareAsync(Query(brand, "10115", 2500)));
        var decided = await InFunnelAsync(brand, f => f.LocateAsync(Query(brand, "10115", 2500) with { Street = "Torstraße", HouseNumber = "12" }));
        var compared = await InFunnelAsync(brand, f => f.CompareAsync(Query(brand, "10115", 2500) with { Street = "Torstraße", HouseNumber = "12" }));

        location.NeedsStreet.ShouldBeTrue();
        location.Streets.Select(s => s.Name).ShouldContain("Torstraße");
        location.Streets.Select(s => s.Name).ShouldContain("Chausseestraße");
        location.City.ShouldBe("Berlin");
        undecided.NeedsStreet.ShouldBeTrue();
        undecided.Tariffs.ShouldAllBe(t => t.SavingsAgainstDefaultSupply == null && !t.HasMarketBreakdown);
        undecided.DefaultSupplier.ShouldBeNull();
        decided.NeedsStreet.ShouldBeFalse();
        compared.NeedsStreet.ShouldBeFalse();
        compared.DefaultSupplier.ShouldNotBeNull();
        compared.Tariffs.ShouldAllBe(t => t.SavingsAgainstDefaultSupply != null && t.HasMarketBreakdown);
    }

    [Theory]
    [InlineData("00503")] // provider outage (503)
    [InlineData("00408")] // provider slower than the funnel waits
    public async Task Market_data_outage_or_a_slow_provider_offers_our_tariffs_exactly_as_without_market_data(string postalCode)
    {
        var brand = await BrandWithTariffsAsync(postalCode);

        var plain = await InFunnelAsync(brand, f => f.RunAsync(Query(brand, postalCode, 3500)));
        var compared = await InFunnelAsync(brand, f => f.CompareAsync(Query(brand, postalCode, 3500)), TimeSpan.FromSeconds(1));
        var location = await InFunnelAsync(brand, f => f.LocateAsync(Query(brand, postalCode, 3500)), TimeSpan.FromSeconds(1));

        ShouldBeTheSame(compared, plain);
        location.ShouldBe(OrderLocation.Unknown);
    }

    [Fact]
    public async Task Without_a_market_data_provider_our_tariffs_are_offered_exactly_as_without_market_data()
    {
        var brand = await BrandWithTariffsAsync("80331");
        await app.App.WithScopeAsync(async s =>
        {
            var connections = s.GetRequiredService<MarketDataConnections>();
            foreach (var provider in MarketDataProviders.All)
                await connections.SaveAsync(brand, provider.Id, new MarketDataConnectionForm
                {
                    EndpointUrl = "https://market-data.example.org/", NewApiKey = "switched-off", TimeoutSeconds = 10, Priority = 1, Enabled = false,
                });
        });

        // A date no other test asks for: nothing stored could stand in for the missing provider.
        var query = Query(brand, "80331", 3500) with { Date = new DateOnly(2025, 3, 3) };
        var plain = await InFunnelAsync(brand, f => f.RunAsync(query));
        var compared = await InFunnelAsync(brand, f => f.CompareAsync(query));

        ShouldBeTheSame(compared, plain);
    }

    private static void ShouldBeTheSame(OrderableTariffs compared, OrderableTariffs plain)
    {
        compared.DefaultSupplier.ShouldBeNull();
        compared.NeedsStreet.ShouldBeFalse();
        compared.Tariffs.Count.ShouldBe(2);
        compared.Tariffs.Select(t => (t.Code, t.FirstYearGross, t.LaterYearsGross, t.MonthlyInstalment, t.BonusesGross))
            .ShouldBe(plain.Tariffs.Select(t => (t.Code, t.FirstYearGross, t.LaterYearsGross, t.MonthlyInstalment, t.BonusesGross)));
        compared.Tariffs.ShouldAllBe(t => t.SavingsAgainstDefaultSupply == null && !t.HasMarketBreakdown);
    }

    private static OrderableTariffQuery Query(Guid brand, string postalCode, int? kwh, int? persons = null) =>
        new(brand, Commodity.Electricity, CustomerType.Household, postalCode, kwh, persons, Day);

    /// <summary>Runs the use case as the funnel does: brand-bound system user "order-funnel", the host's services.</summary>
    private async Task<T> InFunnelAsync<T>(Guid brand, Func<FindOrderableTariffs, Task<T>> work, TimeSpan? wait = null)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        await using var scope = app.App.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        s.GetRequiredService<CurrentUserAccessor>().User = new SystemUser(PlaceOrder.ActorName, brand);
        var useCase = new FindOrderableTariffs(s.GetRequiredService<JoulesDbContext>(), s.GetRequiredService<CalculateTariffs>(),
            s.GetRequiredService<MarketDataService>(), s.GetRequiredService<ILogger<FindOrderableTariffs>>())
        {
            MarketDataWait = wait ?? FindOrderableTariffs.DefaultMarketDataWait,
        };
        return await work(useCase);
    }

    private async Task<TariffCalculation> CalculateAsync(TariffCalculationRequest request)
    {
        TariffCalculation result = null!;
        await app.App.WithScopeAsync(async s => result = await s.GetRequiredService<CalculateTariffs>().RunAsync(request));
        return result;
    }

    private static int _brands;

    /// <summary>A brand supplying <paramref name="postalCode"/> with two power tariffs (one with bonuses).</summary>
    private async Task<Guid> BrandWithTariffsAsync(string postalCode)
    {
        var brand = new Brand("OF" + Interlocked.Increment(ref _brands), "Bestell-Testmarke " + _brands);
        await app.App.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            db.Brands.Add(brand);
            var area = new DeliveryArea(brand.Id, "Gebiet " + postalCode, [postalCode]);
            var basis = new Tariff(brand.Id, "STROM", "Teststrom", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 1, 4, 12));
            basis.AddPriceList(area, new DateOnly(2025, 1, 1), new PriceComponents(120m, 28.5m, 50m, 0m));
            var bonus = new Tariff(brand.Id, "STROM-BONUS", "Teststrom Bonus", Commodity.Electricity, CustomerType.Household, new TariffTerms(24, 12, 4, 24));
            bonus.AddPriceList(area, new DateOnly(2025, 1, 1), new PriceComponents(100m, 30m, 100m, 40m));
            db.AddRange(area, basis, bonus);
            await db.SaveChangesAsync();
        });
        return brand.Id;
    }
}
