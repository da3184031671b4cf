using System.Globalization;
using Joules.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Newsletter;

/// <summary>An analyst opens the sent demo campaign's click heatmap (the mail as sent with each link's clicks and share
/// overlaid; total and unique) and the analytics page (Plotly bar charts from the roll-ups), as the demo ships them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NewsletterAnalystFlowTests(BrowserApp app) : BrowserTest(app)
{
    private const string Campaign = "Jetzt Wärmepumpentarif sichern";

    [Fact]
    public async Task Analyst_opens_the_heatmap_and_the_analytics_of_the_sent_demo_campaign()
    {
        await Page.SignInToNavEntryAsync(App.Host, "analyst", "newsletter", "joules.newsletter");

        // The demo campaigns are created by the plugin's demo job right after activation.
        var row = Page.Locator("[data-testid=campaign-table] tr", new() { HasText = Campaign });
        var until = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Page.OpenAsync("/newsletter");
            if (await row.CountAsync() > 0) break;
            await Task.Delay(1000);
        } while (DateTime.UtcNow < until);
        await Expect(row).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("campaign-new")).ToHaveCountAsync(0);

        await row.GetByTestId("campaign-heatmap").ClickAsync();
        await Expect(Page.GetByTestId("heatmap-title")).ToContainTextAsync(Campaign);
        var mainLink = Page.GetByTestId("heatmap-link-0");
        await Expect(mainLink).ToBeVisibleAsync();
        var total = Number(await mainLink.GetByTestId("heatmap-count").InnerTextAsync());
        total.ShouldBeGreaterThan(0);
        // The main call to action gets the most clicks, and its badge sits on the link inside the mail as sent.
        foreach (var other in await Page.Locator("[data-testid^=heatmap-link-] [data-testid=heatmap-count]").AllInnerTextsAsync())
            Number(other).ShouldBeLessThanOrEqualTo(total);
        var frame = Page.FrameLocator("[data-testid=heatmap-frame]");
        await Expect(frame.Locator("[data-heat-link='0']")).ToContainTextAsync("%");
        await Expect(frame.Locator("a[data-joules-link='0']")).ToBeVisibleAsync();

        await Page.GetByTestId("heatmap-mode").GetByText("Eindeutige Klicks").ClickAsync();
        await Expect(Page.GetByTestId("heatmap-links").Locator("th").Nth(2)).ToHaveTextAsync("Eindeutige Klicks");
        var unique = Number(await mainLink.GetByTestId("heatmap-count").InnerTextAsync());
        unique.ShouldBeGreaterThan(0);
        unique.ShouldBeLessThanOrEqualTo(total);

        await Page.OpenAsync("/newsletter/auswertung");
        // Plotly draws one group per bar; the demo history fills both charts.
        var activityBars = Page.GetByTestId("analytics-activity").Locator(".js-plotly-plot g.point");
        var subscriptionBars = Page.GetByTestId("analytics-subscriptions").Locator(".js-plotly-plot g.point");
        await Expect(activityBars).Not.ToHaveCountAsync(0);
        await Expect(subscriptionBars).Not.ToHaveCountAsync(0);
        var daily = await activityBars.CountAsync();
        await Page.ChooseAsync("analytics-granularity", "Monat");
        // By month the 90 days fold into a few bars per series.
        var chartUntil = DateTime.UtcNow.AddSeconds(20);
        int monthly;
        do
        {
            await Task.Delay(250);
            monthly = await activityBars.CountAsync();
        } while ((monthly == 0 || monthly == daily) && DateTime.UtcNow < chartUntil);
        monthly.ShouldBeGreaterThan(0);
        monthly.ShouldBeLessThan(daily);
        await Expect(Page.GetByTestId("analytics-activity-empty")).ToHaveCountAsync(0);
    }

    private static long Number(string text) => long.Parse(text.Trim().Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
