using Bunit;
using Joules.Core.Domain.Customers;
using Joules.Core.UseCases.Credit;
using Joules.Host.Features.Credit.Settings;
using MudBlazor;

namespace Joules.Host.Tests.Features.Credit;

public sealed class CreditSettingsPageTests : CreditPageTestBase
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<CreditSettingsPage> Page) RenderPage()
    {
        Ctx.Render<MudPopoverProvider>();
        Ctx.Render<MudSnackbarProvider>();
        var dialogs = Ctx.Render<MudDialogProvider>();
        var page = Ctx.Render<CreditSettingsPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=routes-DE-Household] [data-testid=route-add]").ShouldNotBeEmpty(), Wait);
        return (dialogs, page);
    }

    private async Task<IReadOnlyList<BureauRouteItem>> RoutesAsync(string country, CustomerType type)
    {
        await using var db = Db();
        return await new SaveBureauRoutes(db).LoadAsync(Brand, country, type);
    }

    [Fact]
    public async Task Saves_the_settings_and_refuses_invalid_reuse_days_next_to_the_field()
    {
        var (_, page) = RenderPage();
        page.Find("[data-testid=credit-settings-depth]").TextContent.ShouldContain("Jede Prüfung ist eine Vollprüfung");

        page.Find("[data-testid=credit-settings-reuse] input, input[data-testid=credit-settings-reuse]").Change("400");
        await page.InvokeAsync(() => page.Find("[data-testid=credit-settings-save]").Click());
        page.WaitForAssertion(() => page.Markup.ShouldContain("zwischen 0 und 365 Tagen"), Wait);

        page.Find("[data-testid=credit-settings-reuse] input, input[data-testid=credit-settings-reuse]").Change("14");
        page.Find("[data-testid=credit-settings-kwh] input, input[data-testid=credit-settings-kwh]").Change("10000");
        page.WaitForAssertion(() => page.Find("[data-testid=credit-settings-depth]").TextContent.ShouldContain("nur nach harten Negativmerkmalen"), Wait);
        await page.InvokeAsync(() => page.Find("[data-testid=credit-settings-save]").Click());

        await using var db = Db();
        page.WaitForAssertion(() =>
        {
            using var read = Db();
            var s = read.CreditCheckSettings.Single();
            (s.BrandId, s.ReuseDays, s.FullCheckFromKwh, s.AutoCheck).ShouldBe((Brand, 14, (int?)10000, true));
        }, Wait);
    }

    [Fact]
    public async Task Adds_reorders_and_removes_routes_and_warns_about_bureaus_without_running_plugin()
    {
        await using (var db = Db())
            await new SaveBureauRoutes(db).SaveAsync(Brand, "DE", CustomerType.Household, [new("schufa", "score-2026"), new("boniversum", "bonima")]);
        var (dialogs, page) = RenderPage();
        var list = () => page.Find("[data-testid=routes-DE-Household]");
        page.WaitForAssertion(() => list().QuerySelectorAll("[data-testid=route-row]").Length.ShouldBe(2), Wait);
        var rows = list().QuerySelectorAll("[data-testid=route-row]");
        rows[0].QuerySelector("[data-testid=route-inactive]").ShouldBeNull();
        rows[1].QuerySelector("[data-testid=route-inactive]")!.TextContent.ShouldContain("Plugin nicht aktiv");

        await page.InvokeAsync(() => page.FindAll("[data-testid=routes-DE-Household] [data-testid=route-down]")[0].Click());
        page.WaitForAssertion(() => list().QuerySelectorAll("[data-testid=route-name]")[0].TextContent.ShouldBe("Creditreform Boniversum"), Wait);
        (await RoutesAsync("DE", CustomerType.Household)).ShouldBe([new("boniversum", "bonima"), new("schufa", "score-2026")]);

        // Austria, business customers: only bureaus serving AT companies are offered; the first is preselected.
        await page.InvokeAsync(() => page.Find("[data-testid=routes-AT-Business] [data-testid=route-add]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=routes-AT-Business]").QuerySelectorAll("[data-testid=route-row]").Length.ShouldBe(1), Wait);
        var added = (await RoutesAsync("AT", CustomerType.Business)).Single();
        added.Bureau.ShouldBeOneOf("creditreform", "crif", "deltavista", "ksv1870");

        await page.InvokeAsync(() => page.FindAll("[data-testid=routes-DE-Household] [data-testid=route-remove]")[1].Click());
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Auskunftei entfernen?"), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Entfernen").Click());
        page.WaitForAssertion(() => list().QuerySelectorAll("[data-testid=route-row]").Length.ShouldBe(1), Wait);
        (await RoutesAsync("DE", CustomerType.Household)).ShouldBe([new("boniversum", "bonima")]);
    }
}
