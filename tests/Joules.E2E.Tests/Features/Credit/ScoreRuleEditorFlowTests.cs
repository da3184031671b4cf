using System.Text.RegularExpressions;
using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Credit;

/// <summary>An administrator opens the score rules from the navigation, adds a rule and watches the preview change while
/// typing, saves it and finds it on the product's scale; then reorders a bureau route on the settings page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScoreRuleEditorFlowTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Rule_added_in_the_dialog_previews_changed_decisions_while_typing()
    {
        // A brand of its own: the demo brands come with rules, routes and past checks.
        const string brandName = "Stadtwerke Prüfstadt";
        await App.Host.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<JoulesDbContext>();
            var brand = new Brand("SWP", brandName);
            db.Brands.Add(brand);
            var at = DateTimeOffset.UtcNow;
            foreach (var score in new[] { 880m, 640m })
            {
                var check = CreditCheck.Start(brand.Id, Guid.NewGuid(), Guid.NewGuid(), new string('e', 64),
                    new CreditCheckContext(Commodity.Electricity, CustomerType.Household, SalesChannel.BackOffice), "e2e", "button", at);
                check.RecordAnswer(new BureauResult("schufa", "score-2026", score, null, [], null, at, Guid.NewGuid().ToString("N")), depth: 1);
                check.Decide(CreditDecision.ManualReview, null, "e2e", at);
                db.CreditChecks.Add(check);
            }
            await db.SaveChangesAsync();
            return 0;
        });

        await Page.SignInAsync("admin", DemoUsers.Password);
        await Page.OpenAsync("/");
        await Expect(Page.Locator("a.mud-nav-link[href='credit/rules']")).ToHaveTextAsync("Score-Regeln");
        await Expect(Page.Locator("a.mud-nav-link[href='credit/settings']")).ToHaveTextAsync("Bonitätsprüfung");
        await Page.OpenAsync("/credit/rules");
        await Expect(Page.GetByTestId("rule-preview")).ToBeVisibleAsync();
        await Page.ChooseAsync("rules-brand", brandName);
        if (Environment.GetEnvironmentVariable("JOULES_SCREENSHOTS") is { Length: > 0 } shots0)
            await Page.ScreenshotAsync(new() { Path = Path.Combine(shots0, "credit-rules-start.png"), FullPage = true });
        await Expect(Page.GetByTestId("rule-preview-now")).ToContainTextAsync("Von den letzten 2 Prüfungen: jetzt 0 angenommen / 2 manuell");

        await Page.GetByTestId("rules-add").ClickAsync();
        var dialog = Page.Locator(".mud-dialog");
        await Expect(dialog.GetByTestId("rule-preview-draft")).ToContainTextAsync("mit Entwurf 2 angenommen");
        await dialog.Locator("[data-testid=rule-min] input, input[data-testid=rule-min]").First.FillAsync("800");
        await Expect(dialog.GetByTestId("rule-preview-draft")).ToContainTextAsync("mit Entwurf 1 angenommen / 1 manuell");
        await Expect(dialog.GetByTestId("rule-preview-case")).ToContainTextAsync(new Regex(@"Manuelle Prüfung →\s*Automatisch annehmen"));
        if (Environment.GetEnvironmentVariable("JOULES_SCREENSHOTS") is { Length: > 0 } shots)
            await Page.ScreenshotAsync(new() { Path = Path.Combine(shots, "credit-rule-dialog.png"), FullPage = true });
        await dialog.GetByTestId("rule-save").ClickAsync();

        await Expect(Page.GetByTestId("rules-row")).ToContainTextAsync("800 – 999");
        await Expect(Page.GetByTestId("rules-row")).ToContainTextAsync("Automatisch annehmen");
        await Expect(Page.GetByTestId("rules-direction")).ToContainTextAsync("höher = besser");
        await Expect(Page.GetByTestId("rule-preview-now")).ToContainTextAsync("jetzt 1 angenommen / 1 manuell");
        if (Environment.GetEnvironmentVariable("JOULES_SCREENSHOTS") is { Length: > 0 } shots2)
            await Page.ScreenshotAsync(new() { Path = Path.Combine(shots2, "credit-rules.png"), FullPage = true });

        await Page.OpenAsync("/credit/settings");
        await Expect(Page.GetByTestId("routes-AT-Business").GetByTestId("route-add")).ToBeVisibleAsync();
        await Page.ChooseAsync("credit-settings-brand", brandName);
        var routes = Page.GetByTestId("routes-DE-Household");
        if (Environment.GetEnvironmentVariable("JOULES_SCREENSHOTS") is { Length: > 0 } shots4)
            await Page.ScreenshotAsync(new() { Path = Path.Combine(shots4, "credit-settings-start.png"), FullPage = true });
        // The route lists load after the circuit starts; a click on the prerendered button would be lost.
        await Task.Delay(1000);
        await routes.GetByTestId("route-add").ClickAsync();
        await Expect(routes.GetByTestId("route-row")).ToHaveCountAsync(1);
        await routes.GetByTestId("route-add").ClickAsync();
        await Expect(routes.GetByTestId("route-row")).ToHaveCountAsync(2);
        var first = await routes.GetByTestId("route-name").First.TextContentAsync();
        await routes.GetByTestId("route-down").First.ClickAsync();
        await Expect(routes.GetByTestId("route-name").Nth(1)).ToHaveTextAsync(first!);
        if (Environment.GetEnvironmentVariable("JOULES_SCREENSHOTS") is { Length: > 0 } shots3)
            await Page.ScreenshotAsync(new() { Path = Path.Combine(shots3, "credit-settings.png"), FullPage = true });
    }
}
