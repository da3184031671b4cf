using Joules.Core.Integration;
using Joules.E2E.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Sms;

/// <summary>An administrator installs the SMS plugin; the demo brand has no gateway, so the page says SMS go to the
/// host's gateway simulator. A test SMS to an unreadable number is refused at the field; one to a national number goes
/// through the outbox to the simulator and shows up as delivered (the simulator's signed report reached the host).</summary>
[Collection(BrowserCollection.Name)]
public sealed class SmsTestSendFlowTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Test_sms_from_the_page_is_delivered_through_the_simulator()
    {
        var entry = await Page.SignInToNavEntryAsync(App.Host, "admin", "sms", "joules.sms");
        await entry.ClickAsync();
        await Expect(Page.GetByTestId("gateway-state")).ToContainTextAsync("Gateway-Simulator");
        await Expect(Page.GetByTestId("sms-list")).ToContainTextAsync("Keine SMS gefunden");

        await Page.Locator(".mud-tab", new() { HasText = "Test-SMS senden" }).ClickAsync();
        var text = Page.Locator("[data-testid=test-text] textarea, textarea[data-testid=test-text]").First;
        await text.FillAsync("Grüße aus Sonnental");
        await Expect(Page.GetByTestId("test-measure")).ToContainTextAsync("GSM-7 · 1 SMS");
        var number = Page.Locator("[data-testid=test-number] input, input[data-testid=test-number]").First;
        await number.FillAsync("0171 ABC");
        await Page.GetByTestId("test-send").ClickAsync();
        await Expect(Page.GetByTestId("test-sms")).ToContainTextAsync("ist keine Telefonnummer");

        await number.FillAsync("0171 2345678");
        await Page.GetByTestId("test-send").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("+491712345678");

        await Page.Locator(".mud-tab", new() { HasText = "Gesendete SMS" }).ClickAsync();
        var list = Page.GetByTestId("sms-list");
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until && !(await list.InnerTextAsync()).Contains("Zugestellt"))
        {
            await list.Locator("button[aria-label='Aktualisieren']").ClickAsync();
            await Task.Delay(500);
        }
        await Expect(list).ToContainTextAsync("+491712345678");
        await Expect(list).ToContainTextAsync("Grüße aus Sonnental");
        await Expect(list).ToContainTextAsync("Zugestellt");

        // The brand's own gateway (here: the simulator's address entered by hand) replaces the fallback once saved.
        await Page.Locator(".mud-tab", new() { HasText = "Gateway" }).First.ClickAsync();
        var url = Page.Locator("[data-testid=gateway-url] input, input[data-testid=gateway-url]").First;
        await url.FillAsync("ftp://sms.example.de");
        await Page.GetByTestId("gateway-save").ClickAsync();
        await Expect(Page.GetByTestId("gateway-form")).ToContainTextAsync("vollständige http(s)-Adresse");
        var gateway = new Uri(App.Host.Services.GetRequiredService<IExternalServiceSimulators>().BaseUrl!, "sms/").ToString();
        await url.FillAsync(gateway);
        await Page.GetByTestId("gateway-form").Locator("input[type=password]").FillAsync("joules-demo-sms-key");
        await Page.GetByTestId("gateway-form").Locator("input").Nth(3).FillAsync("Sonnental");
        await Page.GetByTestId("gateway-save").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar", new() { HasText = "Gateway-Einstellungen gespeichert" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("gateway-state")).ToContainTextAsync($"über das Gateway {gateway}");
        await Expect(Page.GetByTestId("gateway-state")).ToContainTextAsync("„Sonnental“");
    }
}
