using System.Globalization;
using Bunit;
using Joules.Core.MarketData;
using Joules.Core.Pricing;
using Joules.Core.UseCases.Tariffs;
using Joules.Host.Features.Tariffs.Calculator;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.Tariffs;

/// <summary>The calculator's result: our tariffs with cost, instalment, savings and rank, the breakdown on request, the
/// market data sources with their validity, and what was missing.</summary>
public sealed class TariffCalculatorResultTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();

    public TariffCalculatorResultTests()
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
        Levies = [new Levy("KWKG", "KWKG-Umlage", 0.446m)], EnergyTaxCtPerKwh = 2.05m,
    };

    private static CostBreakdown Cost(decimal basePrice, decimal working, decimal bonus = 0m) => TariffCostCalculator.Calculate(
        TariffPrices.Flat(PricingMode.AllInclusive, basePrice, working) with { NewCustomerBonus = bonus > 0 ? NewCustomerBonus.Fixed(bonus) : null },
        Munich, Consumption.Power(3500m));

    private static TariffCalculation Calculation(IReadOnlyList<string> problems)
    {
        var ours = Cost(120m, 28.5m, 50m);
        var defaultSupply = Cost(150m, 34m);
        var rivals = new[] { Cost(100m, 27m), Cost(130m, 30m) }.Select((c, i) => new CalculatedCompetitor($"Anbieter {i}", "Strom", c, 12, 12)).ToList();
        var source = new MarketDataSource("enet", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), new DateOnly(2025, 12, 15), DateTimeOffset.UtcNow) { FromStore = true };
        var area = new GridAreaCandidate("STR-0771", "München-Nord Strom", new MarketParty("9900000000001", "Metronetz München GmbH"),
            new MarketParty("9900000000002", "Stadtversorgung München AG"), 4, "über 500.000 Einwohner", []);
        var tariff = new CalculatedTariff(Guid.NewGuid(), "STROM", "Teststrom", 12, 12, Guid.NewGuid(), ours,
            TariffComparison.Rank(ours, rivals.Select(r => r.Breakdown)), TariffComparison.SavingsAgainst(ours, defaultSupply));
        return new TariffCalculation(false, [], area, [tariff], defaultSupply, "Stadtversorgung München AG", rivals, [source], problems);
    }

    [Fact]
    public void Shows_cost_rank_savings_and_sources_and_the_breakdown_on_request()
    {
        var calculation = Calculation([]);
        var cut = _ctx.Render<TariffCalculatorResult>(p => p.Add(x => x.Result, calculation));

        var ours = calculation.Tariffs[0];
        cut.Find("[data-testid=calculator-first-year]").TextContent.ShouldBe(ours.Breakdown.FirstYear.Gross.ToString("C2", CultureInfo.CurrentCulture));
        cut.Find("[data-testid=calculator-rank]").TextContent.ShouldBe($"{ours.Rank} von 3");
        cut.Find("[data-testid=calculator-area]").TextContent.ShouldContain("München-Nord Strom");
        cut.Markup.ShouldContain("aus Zwischenspeicher");
        cut.FindAll("[data-testid=calculator-breakdown]").ShouldBeEmpty();
        cut.FindAll("[data-testid=calculator-problems]").ShouldBeEmpty();

        cut.FindAll("button").First(b => b.TextContent.Contains("Aufschlüsselung")).Click();

        var breakdown = cut.Find("[data-testid=calculator-breakdown]").TextContent;
        breakdown.ShouldContain("KWKG-Umlage");
        breakdown.ShouldContain("0,4460 ct/kWh");
    }

    [Fact]
    public void Says_which_market_data_was_missing()
    {
        var cut = _ctx.Render<TariffCalculatorResult>(p => p.Add(x => x.Result, Calculation(["ene't: Der Dienst ist nicht erreichbar."])));

        cut.Find("[data-testid=calculator-problems]").TextContent.ShouldContain("ene't: Der Dienst ist nicht erreichbar.");
    }
}
