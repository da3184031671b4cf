using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using System.Globalization;
using Bunit;
using Joules.Core.Domain.Common;
using Joules.Core.MarketData;
using Joules.Core.Pricing;
using Joules.Core.UseCases.Tariffs;
using Joules.Host.Features.Calculator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Shouldly;

namespace Joules.Host.Tests.Features.Calculator;

/// <summary>The public calculator page: result cards with cost, instalment, bonus, savings, rank and the order link; a postal
/// code with several grid areas asks for the street; German messages at the fields; market data problems and the rate
/// limit are said politely.</summary>
public sealed class CalculatorWidgetPageTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly FakeBackend _backend = new();

    public CalculatorWidgetPageTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.Services.AddSingleton<ICalculatorWidgetBackend>(_backend);
        _ctx.Render<MudPopoverProvider>();
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private static readonly LocationCharges Freiburg = new()
    {
        GridWorkingPriceCtPerKwh = 8.1m, GridBasePricePerYear = 60m, MeteringPerYear = 20m, ConcessionFeeCtPerKwh = 2.39m,
        Levies = [new Levy("KWKG", "KWKG-Umlage", 0.446m)], EnergyTaxCtPerKwh = 2.05m,
    };

    private static CostBreakdown Cost(decimal basePrice, decimal working, decimal bonus = 0m) => TariffCostCalculator.Calculate(
        TariffPrices.Flat(PricingMode.AllInclusive, basePrice, working) with { NewCustomerBonus = bonus > 0 ? NewCustomerBonus.Fixed(bonus) : null },
        Freiburg, Consumption.Power(3500m));

    private static TariffCalculation Calculation(IReadOnlyList<string>? problems = null)
    {
        var ours = Cost(120m, 28.5m, 50m);
        var defaultSupply = Cost(150m, 34m);
        var rivals = new[] { Cost(100m, 27m), Cost(130m, 30m) }.Select((c, i) => new CalculatedCompetitor($"Anbieter {i}", "Strom", c, 12, 12)).ToList();
        var area = new GridAreaCandidate("STR-0761", "Freiburg Strom", new MarketParty("9900000000001", "Netz Freiburg GmbH"),
            new MarketParty("9900000000002", "Stadtversorgung Freiburg AG"), 4, "100.000 bis 500.000 Einwohner", []);
        var tariff = new CalculatedTariff(Guid.NewGuid(), "SONNE-12", "Sonnenstrom 12", 12, 12, Guid.NewGuid(), ours,
            TariffComparison.Rank(ours, rivals.Select(r => r.Breakdown)), TariffComparison.SavingsAgainst(ours, defaultSupply));
        return new TariffCalculation(false, [], area, [tariff], defaultSupply, "Stadtversorgung Freiburg AG", rivals, [], problems ?? []);
    }

    private static TariffCalculation Ambiguous() => new(true,
        [new MarketStreet("Torstraße", null, null), new MarketStreet("Gartenstraße", null, null)], null, Calculation().Tariffs, null, null, [], [], []);

    private IRenderedComponent<CalculatorWidgetPage> Render()
    {
        var cut = _ctx.Render<CalculatorWidgetPage>(p => p.Add(x => x.BrandCode, "sws"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=widget-form]"));
        return cut;
    }

    private static void Enter(IRenderedComponent<CalculatorWidgetPage> cut, string testId, string value) =>
        cut.Find($"input[data-testid={testId}], [data-testid={testId}] input").Change(value);

    /// <summary>Clicks "calculate" and waits until the click's handler has finished (it awaits the backend), so the next
    /// look at the markup sees its result even on a busy machine.</summary>
    private static void Calculate(IRenderedComponent<CalculatorWidgetPage> cut) =>
        cut.Find("[data-testid=widget-calculate]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs()).GetAwaiter().GetResult();

    private static string Euro(decimal value) => value.ToString("C2", CultureInfo.CurrentCulture);

    [Fact]
    public void Shows_each_tariff_with_cost_instalment_bonus_savings_rank_and_the_order_link()
    {
        var calculation = Calculation();
        _backend.Answers.Enqueue(calculation);
        var cut = Render();

        Enter(cut, "widget-postal-code", "79100");
        Enter(cut, "widget-kwh", "3500");
        Calculate(cut);

        var ours = calculation.Tariffs[0];
        var card = cut.Find("[data-testid=widget-tariff-card]");
        card.QuerySelector("[data-testid=widget-tariff-name]")!.TextContent.ShouldBe("Sonnenstrom 12");
        card.QuerySelector("[data-testid=widget-first-year]")!.TextContent.ShouldBe(Euro(ours.Breakdown.FirstYear.Gross));
        card.QuerySelector("[data-testid=widget-later-years]")!.TextContent.ShouldBe(Euro(ours.Breakdown.LaterYears.Gross));
        card.QuerySelector("[data-testid=widget-instalment]")!.TextContent.ShouldBe(Euro(ours.Breakdown.MonthlyInstalment));
        card.QuerySelector("[data-testid=widget-bonus]")!.TextContent.ShouldBe(Euro(ours.Breakdown.Bonuses.Gross));
        card.QuerySelector("[data-testid=widget-savings]")!.TextContent.ShouldContain(
            $"Sie sparen {Euro(ours.SavingsAgainstDefaultSupply!.FirstYearGross)} im ersten Jahr gegenüber der Grundversorgung (Stadtversorgung Freiburg AG)");
        card.QuerySelector("[data-testid=widget-rank]")!.TextContent.ShouldBe($"Platz {ours.Rank} von 3 Tarifen in Ihrer Region");
        var order = card.QuerySelector("a[data-testid=widget-order]")!;
        order.GetAttribute("href").ShouldBe("/bestellen/SWS?plz=79100&sparte=strom&kwh=3500&tarif=SONNE-12");
        order.GetAttribute("target").ShouldBe("_top");
        _backend.Requests.ShouldHaveSingleItem().AnnualKwh.ShouldBe(3500m);

        cut.FindAll("[data-testid=calculator-breakdown]").ShouldBeEmpty();
        cut.Find("[data-testid=widget-breakdown-toggle]").Click();
        cut.Find("[data-testid=calculator-breakdown]").TextContent.ShouldContain("KWKG-Umlage");
        cut.FindAll("[data-testid=widget-market-data-note]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_heat_pump_calculation_asks_for_kWh_and_its_order_link_carries_the_usage()
    {
        _backend.Answers.Enqueue(Calculation());
        var cut = Render();

        var usage = cut.FindComponent<MudSelect<TariffUsage>>();
        await cut.InvokeAsync(() => usage.Instance.ValueChanged.InvokeAsync(TariffUsage.HeatPump));
        Enter(cut, "widget-postal-code", "79100");
        Enter(cut, "widget-kwh", "6000");
        Calculate(cut);

        cut.FindAll("[data-testid=widget-persons-1]").ShouldBeEmpty();
        _backend.Requests.ShouldHaveSingleItem().Usage.ShouldBe(TariffUsage.HeatPump);
        cut.Find("a[data-testid=widget-order]").GetAttribute("href")
            .ShouldBe("/bestellen/SWS?plz=79100&sparte=strom&kwh=6000&tarif=SONNE-12&nutzung=waermepumpe");
    }

    [Fact]
    public async Task Business_customers_get_no_order_link_but_a_contact_note()
    {
        _backend.Answers.Enqueue(Calculation());
        var cut = Render();

        var type = cut.FindComponent<MudRadioGroup<CustomerType>>();
        await cut.InvokeAsync(() => type.Instance.ValueChanged.InvokeAsync(CustomerType.Business));
        Enter(cut, "widget-postal-code", "79100");
        Enter(cut, "widget-kwh", "20000");
        Calculate(cut);

        cut.WaitForAssertion(() => cut.Find("[data-testid=widget-business-contact]"));
        _backend.Requests.ShouldHaveSingleItem().CustomerType.ShouldBe(CustomerType.Business);
        cut.FindAll("a[data-testid=widget-order]").ShouldBeEmpty();
        cut.Find("[data-testid=widget-business-contact]").TextContent.ShouldContain("persönlich");
    }

    [Fact]
    public void Household_size_fills_in_the_typical_consumption()
    {
        _backend.Answers.Enqueue(Calculation());
        var cut = Render();

        Enter(cut, "widget-postal-code", "79100");
        cut.Find("[data-testid=widget-persons-4]").Click();
        Calculate(cut);

        _backend.Requests.ShouldHaveSingleItem().AnnualKwh.ShouldBe(HouseholdConsumption.Power(4));
    }

    [Fact]
    public async Task A_postal_code_with_several_grid_areas_asks_for_the_street_and_the_order_link_carries_it()
    {
        _backend.Answers.Enqueue(Ambiguous());
        _backend.Answers.Enqueue(Calculation());
        var cut = Render();
        cut.FindAll("[data-testid=widget-street]").ShouldBeEmpty();

        Enter(cut, "widget-postal-code", "79100");
        Enter(cut, "widget-kwh", "2500");
        Calculate(cut);

        cut.Find("[data-testid=widget-needs-street]").TextContent.ShouldContain("mehreren Netzgebieten");
        cut.FindAll("[data-testid=widget-tariff-card]").ShouldBeEmpty();
        Calculate(cut);
        cut.Markup.ShouldContain("Bitte die Straße angeben.");
        _backend.Requests.Count.ShouldBe(1);

        var street = cut.FindComponent<MudAutocomplete<string>>();
        await cut.InvokeAsync(() => street.Instance.ValueChanged.InvokeAsync("Torstraße"));
        Enter(cut, "widget-house-number", "12 a");
        Calculate(cut);

        var second = _backend.Requests[1];
        (second.Street, second.HouseNumber).ShouldBe(("Torstraße", "12 a"));
        cut.Find("a[data-testid=widget-order]").GetAttribute("href")
            .ShouldBe("/bestellen/SWS?plz=79100&sparte=strom&kwh=2500&tarif=SONNE-12&strasse=Torstra%C3%9Fe&hausnr=12%20a");
    }

    [Fact]
    public void Shows_German_messages_at_the_fields()
    {
        _backend.Failure = new DomainException("Der Jahresverbrauch muss größer als 0 kWh sein.", "AnnualKwh");
        var cut = Render();

        Enter(cut, "widget-kwh", "");
        Calculate(cut);
        cut.Markup.ShouldContain("Bitte die Postleitzahl angeben.");
        cut.Markup.ShouldContain("Bitte den Jahresverbrauch in kWh angeben (größer als 0).");
        _backend.Requests.ShouldBeEmpty();

        Enter(cut, "widget-postal-code", "79100");
        Enter(cut, "widget-kwh", "3500");
        Calculate(cut);
        cut.Markup.ShouldContain("Der Jahresverbrauch muss größer als 0 kWh sein.");
        cut.Markup.ShouldNotContain("Bitte die Postleitzahl angeben.");
    }

    [Fact]
    public void Missing_market_data_is_said_politely_and_our_prices_still_show()
    {
        _backend.Answers.Enqueue(Calculation(["ene't: Der Dienst ist nicht erreichbar."]));
        var cut = Render();

        Enter(cut, "widget-postal-code", "79100");
        Calculate(cut);

        cut.Find("[data-testid=widget-market-data-note]").TextContent.ShouldStartWith("Vergleichsdaten derzeit nicht verfügbar");
        cut.Markup.ShouldNotContain("nicht erreichbar");
        cut.FindAll("[data-testid=widget-tariff-card]").Count.ShouldBe(1);
    }

    [Fact]
    public void Too_many_calculations_are_refused_with_a_clear_message()
    {
        _backend.Failure = new CalculationLimitExceededException();
        var cut = Render();

        Enter(cut, "widget-postal-code", "79100");
        Calculate(cut);

        cut.Find("[data-testid=widget-rate-limited]").TextContent.ShouldContain("Bitte versuchen Sie es in einer Minute erneut.");
    }

    [Fact]
    public void Unknown_brand_code_says_so()
    {
        var cut = _ctx.Render<CalculatorWidgetPage>(p => p.Add(x => x.BrandCode, "NOPE"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=widget-brand-unknown]").TextContent.ShouldContain("„NOPE“"));
    }

    private sealed class FakeBackend : ICalculatorWidgetBackend
    {
        public Queue<TariffCalculation> Answers { get; } = new();
        public List<TariffCalculationRequest> Requests { get; } = [];
        public Exception? Failure { get; set; }

        public Task<WidgetBrand?> BrandAsync(string code, CancellationToken ct = default) => Task.FromResult(
            code.Equals("SWS", StringComparison.OrdinalIgnoreCase) ? new WidgetBrand(Guid.NewGuid(), "SWS", "Stadtwerke Sonnental", "#1E6B52", null) : null);

        public Task<TariffCalculation> CalculateAsync(WidgetBrand brand, TariffCalculationRequest request, CancellationToken ct = default)
        {
            if (Failure is { } failure) return Task.FromException<TariffCalculation>(failure);
            Requests.Add(request);
            return Task.FromResult(Answers.Dequeue());
        }
    }
}
