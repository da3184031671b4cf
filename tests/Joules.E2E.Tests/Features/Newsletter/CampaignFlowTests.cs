using Joules.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Newsletter;

/// <summary>A staff member opens the newsletter area of the demo, creates a campaign in the editor (a missing list is
/// named first), previews it at desktop and phone width, and finds it as a draft in the message list next to the demo's
/// sent campaigns.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CampaignFlowTests(BrowserApp app) : BrowserTest(app)
{
    private ILocator Input(string testId) =>
        Page.Locator($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]").First;

    [Fact]
    public async Task Staff_creates_a_campaign_previews_it_and_sees_it_in_the_list()
    {
        var entry = await Page.SignInToNavEntryAsync(App.Host, "staff", "newsletter", "joules.newsletter");
        await entry.ClickAsync();
        await Page.WaitForCircuitAsync();
        if (await Page.GetByTestId("campaign-brand").CountAsync() > 0) await Page.ChooseAsync("campaign-brand", "Stadtwerke Sonnental");

        // The demo's sent campaigns are listed with their numbers (the demo job runs on activation).
        var table = Page.GetByTestId("campaign-table");
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && !(await table.InnerTextAsync()).Contains("Jetzt Wärmepumpentarif sichern"))
        {
            await Task.Delay(1000);
            await Page.ReloadAsync();
            await Page.WaitForCircuitAsync();
            if (await Page.GetByTestId("campaign-brand").CountAsync() > 0) await Page.ChooseAsync("campaign-brand", "Stadtwerke Sonnental");
        }
        await Expect(table).ToContainTextAsync("Jetzt Wärmepumpentarif sichern");
        await Expect(table).ToContainTextAsync("Versendet");

        await Page.GetByTestId("campaign-new").ClickAsync();
        await Expect(Page.GetByTestId("campaign-title")).ToHaveTextAsync("Neue Kampagne");
        await Input("campaign-name").FillAsync("Herbstaktion Balkonkraftwerk");
        await Input("campaign-subject").FillAsync("{{ subscriber.first_name }}, Ihr Balkonkraftwerk wartet");
        await Page.GetByTestId("campaign-save").ClickAsync();
        await Expect(Page.GetByTestId("campaign-error")).ToHaveTextAsync("Bitte mindestens einen Verteiler wählen.");

        // Lists: a multi-select (its list stays open until Escape).
        await Page.GetByTestId("campaign-lists").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Newsletter" }).First.ClickAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Page.GetByTestId("campaign-save").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar", new() { HasText = "Der Entwurf wurde gespeichert." })).ToBeVisibleAsync();
        await Page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/newsletter/kampagnen/\\d+$"));

        // Preview through the sending part, with sample data, at both widths.
        await Page.GetByTestId("preview-render").ClickAsync();
        await Expect(Page.GetByTestId("preview-subject")).ToContainTextAsync("Ihr Balkonkraftwerk wartet");
        await Expect(Page.GetByTestId("preview-frame-desktop")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("preview-frame-phone")).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex("375px"));

        await Page.OpenAsync("/newsletter");
        if (await Page.GetByTestId("campaign-brand").CountAsync() > 0) await Page.ChooseAsync("campaign-brand", "Stadtwerke Sonnental");
        await Page.Locator(PageSteps.Field("campaign-search")).First.FillAsync("Balkon");
        var row = Page.GetByTestId("campaign-table").Locator("tr", new() { HasText = "Herbstaktion Balkonkraftwerk" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Entwurf");
        await Expect(row).ToContainTextAsync("Newsletter");
    }
}
