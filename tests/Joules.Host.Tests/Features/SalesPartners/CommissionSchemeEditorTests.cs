using System.Globalization;
using Bunit;
using Joules.Core.Domain.SalesPartners;
using Joules.Host.Features.SalesPartners;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.SalesPartners;

public class CommissionSchemeEditorTests
{
    private static readonly CommissionScheme Scheme = new() { ClosingFixed = 20m, ClosingPerMwh = 10m, ClosingMinMwh = 1.5m, ClosingMaxMwh = 10m, ParentOverridePercent = 10m };

    private static BunitContext NewContext()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        return ctx;
    }

    [Fact]
    public async Task Shows_the_example_commission_for_a_household()
    {
        await using var ctx = NewContext();
        var cut = ctx.Render<CommissionSchemeEditor>(p => p.Add(x => x.Value, Scheme));
        // 20 € + 10 €/MWh × 3.5 MWh = 55 €, override 10 % = 5.50 €.
        cut.Find("[data-testid=scheme-example]").TextContent.ShouldContain("3.500 kWh → 55,00 €");
        cut.Find("[data-testid=scheme-example]").TextContent.ShouldContain("5,50 €");
    }

    [Fact]
    public async Task Refuses_a_band_whose_upper_bound_is_below_the_lower_bound_and_does_not_save()
    {
        await using var ctx = NewContext();
        CommissionScheme? saved = null;
        var cut = ctx.Render<CommissionSchemeEditor>(p => p.Add(x => x.Value, Scheme).Add(x => x.OnSave, s => saved = s));

        cut.Find("[data-testid=scheme-max] input, input[data-testid=scheme-max]").Change("1");
        cut.Find("[data-testid=scheme-save]").Click();

        saved.ShouldBeNull();
        cut.Markup.ShouldContain("Die Obergrenze des MWh-Bands darf nicht unter der Untergrenze liegen.");
    }

    [Fact]
    public async Task Saves_a_valid_scheme_with_the_entered_values()
    {
        await using var ctx = NewContext();
        CommissionScheme? saved = null;
        var cut = ctx.Render<CommissionSchemeEditor>(p => p.Add(x => x.Value, Scheme).Add(x => x.OnSave, s => saved = s));

        cut.Find("[data-testid=scheme-override] input, input[data-testid=scheme-override]").Change("15");
        cut.Find("[data-testid=scheme-save]").Click();

        saved.ShouldNotBeNull();
        saved.ParentOverridePercent.ShouldBe(15m);
        saved.ClosingAmount(4_500).ShouldBe(65.00m);
    }

    [Fact]
    public async Task Read_only_editor_offers_no_save_button()
    {
        await using var ctx = NewContext();
        var cut = ctx.Render<CommissionSchemeEditor>(p => p.Add(x => x.Value, Scheme).Add(x => x.ReadOnly, true));
        cut.FindAll("[data-testid=scheme-save]").ShouldBeEmpty();
    }
}
