using System.Globalization;
using Bunit;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Pricing;
using Joules.Core.UseCases.Orders;
using Joules.Host.Features.Orders;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.Orders;

/// <summary>The funnel's steps with market data: the savings line and the expandable price breakdown on the tariff cards,
/// the street question of the consumption step, and a draft prefilled from link parameters.</summary>
public sealed class OrderFunnelMarketDataStepTests : IAsyncDisposable
{
    private static readonly FunnelBrand Brand = new(Guid.NewGuid(), "SWS", "Stadtwerke Sonnental", "#1E6B52", null, "Stadtwerke Sonnental GmbH");
    private readonly BunitContext _ctx = new();

    public OrderFunnelMarketDataStepTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.Render<MudPopoverProvider>();
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private static readonly LocationCharges Munich = new()
    {
        GridWorkingPriceCtPerKwh = 8.1m, GridBasePricePerYear = 60m, MeteringPerYear = 20m, ConcessionFeeCtPerKwh = 2.39m,
        Levies = [new Levy("KWKG", "KWKG-Umlage", 0.446m), new Levy("OFFSHORE", "Offshore-Netzumlage", 0.941m)], EnergyTaxCtPerKwh = 2.05m,
    };

    private static OrderableTariff Tariff(LocationCharges location, Savings? savings)
    {
        var prices = TariffPrices.Flat(PricingMode.AllInclusive, 120m, 28.5m) with { InstantBonus = 50m };
        var cost = TariffCostCalculator.Calculate(prices, location, Consumption.Power(3500m));
        return new OrderableTariff(Guid.NewGuid(), Guid.NewGuid(), "STROM", "Strom Basis", null, 12, 1, 4, 12, 142.80m, 33.915m, cost)
        {
            SavingsAgainstDefaultSupply = savings,
        };
    }

    private IRenderedComponent<TariffStep> RenderTariffs(OrderableTariff tariff, string? defaultSupplier) =>
        _ctx.Render<TariffStep>(p => p.Add(x => x.Draft, new OrderDraft { PostalCode = "80331", PricedKwh = 3500 }).Add(x => x.Brand, Brand)
            .Add(x => x.Tariffs, [tariff]).Add(x => x.DefaultSupplier, defaultSupplier));

    [Fact]
    public void Tariff_card_shows_the_first_year_savings_against_the_default_supplier()
    {
        var step = RenderTariffs(Tariff(Munich, new Savings(103.74m, 123.45m, 60m, 71.40m)), "Stadtversorgung X AG");

        step.Find("[data-testid=order-tariff-savings]").TextContent
            .ShouldBe("Sie sparen 123,45 € im ersten Jahr gegenüber der Grundversorgung (Stadtversorgung X AG)");
    }

    [Fact]
    public void Tariff_card_expands_to_the_price_breakdown_of_the_location()
    {
        var tariff = Tariff(Munich, new Savings(10m, 11.90m, 10m, 11.90m));
        var step = RenderTariffs(tariff, "Stadtversorgung X AG");

        step.FindAll("[data-testid=order-tariff-breakdown] .mud-panel-expanded").ShouldBeEmpty();
        step.Find("[data-testid=order-tariff-breakdown] .mud-expand-panel-header").Click();

        step.FindAll("[data-testid=order-tariff-breakdown] .mud-panel-expanded").ShouldNotBeEmpty();

        var table = step.Find("[data-testid=calculator-breakdown]").TextContent;
        table.ShouldContain("KWKG-Umlage");
        table.ShouldContain("Stromsteuer");
        table.ShouldContain("Konzessionsabgabe");
        table.ShouldContain(tariff.FirstYearGross.ToString("N2", CultureInfo.CurrentCulture) + " €");
    }

    [Fact]
    public void Without_market_data_the_card_shows_neither_savings_nor_breakdown()
    {
        var step = RenderTariffs(Tariff(LocationCharges.VatOnly(), null), null);

        step.FindAll("[data-testid=order-tariff-savings]").ShouldBeEmpty();
        step.FindAll("[data-testid=order-tariff-breakdown]").ShouldBeEmpty();
        step.Find("[data-testid=order-tariff-first-year]").TextContent.ShouldContain("€");
    }

    [Fact]
    public void A_tariff_dearer_than_the_default_supply_shows_no_savings_line()
    {
        var step = RenderTariffs(Tariff(Munich, new Savings(-5m, -5.95m, -5m, -5.95m)), "Stadtversorgung X AG");

        step.FindAll("[data-testid=order-tariff-savings]").ShouldBeEmpty();
    }

    [Fact]
    public void Consumption_step_asks_for_street_and_house_number_offering_the_streets()
    {
        var draft = new OrderDraft { PostalCode = "10115", AskStreet = true, StreetChoices = ["Chausseestraße", "Torstraße"] };
        var errors = new Dictionary<string, string> { ["Street"] = "Bitte die Straße der Lieferadresse angeben." };

        var step = _ctx.Render<ConsumptionStep>(p => p.Add(x => x.Draft, draft).Add(x => x.Brand, Brand)
            .Add(x => x.Errors, (IReadOnlyDictionary<string, string>)errors));

        step.Find("[data-testid=order-street-question]").TextContent.ShouldContain("10115 liegt in mehreren Netzgebieten");
        step.Find("[data-testid=order-consumption-street]").Closest(".mud-input-control")!.TextContent.ShouldContain("Bitte die Straße");
        step.FindAll("[data-testid=order-consumption-house-number]").ShouldNotBeEmpty();
    }

    [Fact]
    public void Consumption_step_asks_nothing_more_for_a_postal_code_with_one_grid_area()
    {
        var step = _ctx.Render<ConsumptionStep>(p => p.Add(x => x.Draft, new OrderDraft { PostalCode = "79100" }).Add(x => x.Brand, Brand));

        step.FindAll("[data-testid=order-street-question]").ShouldBeEmpty();
        step.FindAll("[data-testid=order-consumption-street]").ShouldBeEmpty();
    }

    [Fact]
    public void A_link_for_a_heat_pump_sets_the_usage_and_asks_for_kWh_instead_of_the_household_size()
    {
        var draft = new OrderDraft();

        var errors = new OrderEntry("79100", "strom", null, "3", "S-WAERME", null, null, "waermepumpe").ApplyTo(draft, key => key);
        var step = _ctx.Render<ConsumptionStep>(p => p.Add(x => x.Draft, draft).Add(x => x.Brand, Brand));
        var wrong = new OrderEntry(null, null, null, null, null, null, null, "sauna").ApplyTo(new OrderDraft(), key => key);

        errors.ShouldBeEmpty();
        draft.Usage.ShouldBe(TariffUsage.HeatPump);
        draft.ByHouseholdSize.ShouldBeFalse();
        step.FindAll("[data-testid=order-by-household]").ShouldBeEmpty();
        step.FindAll("[data-testid=order-annual-kwh]").ShouldNotBeEmpty();
        wrong.ShouldContainKey("Commodity");
    }

    [Fact]
    public void Link_parameters_prefill_the_consumption_step_and_the_address()
    {
        var draft = new OrderDraft();

        var errors = new OrderEntry("10115", "gas", "12000", "3", "GAS", "Torstraße", "12").ApplyTo(draft, key => key);
        var step = _ctx.Render<ConsumptionStep>(p => p.Add(x => x.Draft, draft).Add(x => x.Brand, Brand));

        errors.ShouldBeEmpty();
        draft.Commodity.ShouldBe(Commodity.Gas);
        draft.ByHouseholdSize.ShouldBeFalse(); // kwh wins over personen
        draft.AnnualKwh.ShouldBe(12000);
        draft.Street.ShouldBe("Torstraße");
        draft.HouseNumber.ShouldBe("12");
        step.Find("input[data-testid=order-postal-code], [data-testid=order-postal-code] input").GetAttribute("value").ShouldBe("10115");
        step.Find("input[data-testid=order-annual-kwh], [data-testid=order-annual-kwh] input").GetAttribute("value").ShouldBe("12000");
    }

    [Fact]
    public void Invalid_link_parameters_are_shown_at_their_fields()
    {
        var draft = new OrderDraft();
        var L = _ctx.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<OrderFunnelPage>>();

        var errors = new OrderEntry("79A00", "wasser", null, "viele", null, null, null).ApplyTo(draft, key => L[key]);
        foreach (var (input, message) in draft.ErrorsOf(OrderStep.Consumption, DateOnly.FromDateTime(DateTime.Today))) errors.TryAdd(input, message);
        var step = _ctx.Render<ConsumptionStep>(p => p.Add(x => x.Draft, draft).Add(x => x.Brand, Brand)
            .Add(x => x.Errors, (IReadOnlyDictionary<string, string>)errors));

        new OrderEntry(null, null, null, null, null, null, null).IsPresent.ShouldBeFalse();
        step.Find("[data-testid=order-error-Commodity]").TextContent.ShouldContain("Strom oder Gas");
        step.Find("[data-testid=order-household-size]").Closest(".mud-input-control")!.TextContent.ShouldContain("Haushaltsgröße als Zahl");
        errors.Keys.ShouldBe(["Commodity", "AnnualKwh", "PostalCode"], ignoreOrder: true);
        step.Find("[data-testid=order-postal-code]").Closest(".mud-input-control")!.TextContent.ShouldContain("Postleitzahl");
    }
}
