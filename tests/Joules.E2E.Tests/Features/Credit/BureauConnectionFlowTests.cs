using Joules.Core.Integration;
using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Credit;

/// <summary>An administrator installs the SCHUFA plugin. The demo brand has no connection, so the page says checks go to
/// the bureau simulator and the connection test answers from it. A connection with an invalid address is refused at the
/// field; one with a refused key is saved (the key is never shown again) and the test names the refused key.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BureauConnectionFlowTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Connection_test_answers_from_the_simulator_and_names_a_refused_key()
    {
        await Page.SignInAsync("admin", DemoUsers.Password);
        App.Host.InstallShippedPlugin("joules.credit-schufa");
        var until = DateTime.UtcNow.AddSeconds(20);
        IResponse? response = null;
        while (DateTime.UtcNow < until && (response = await Page.GotoAsync(App.Host.BaseUrl.TrimEnd('/') + "/credit/bureaus/schufa")) is { Status: 404 })
            await Task.Delay(500);
        await Expect(Page.GetByTestId("connection-state")).ToContainTextAsync("Auskunftei-Simulator");
        await Expect(Page.GetByTestId("bureau-facts")).ToContainTextAsync("Deutschland");

        await Page.GetByTestId("connection-test").ClickAsync();
        await Expect(Page.GetByTestId("test-result")).ToContainTextAsync("sehr geringes Risiko");
        await Expect(Page.GetByTestId("test-result")).ToContainTextAsync("Simulators");

        var endpoint = Page.Locator("[data-testid=endpoint] input, input[data-testid=endpoint]").First;
        await endpoint.FillAsync("ftp://schufa.example.de");
        await Page.GetByTestId("connection-save").ClickAsync();
        await Expect(Page.GetByTestId("connection-form")).ToContainTextAsync("gültige http- oder https-Adresse");

        var simulator = new Uri(App.Host.Services.GetRequiredService<IExternalServiceSimulators>().BaseUrl!, "bureaus/schufa").ToString();
        await endpoint.FillAsync(simulator);
        var key = Page.GetByTestId("connection-form").Locator("input[type=password]");
        await key.FillAsync("ein-falscher-schluessel");
        await Page.GetByTestId("connection-save").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar", new() { HasText = "Die Verbindung wurde gespeichert" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("connection-state")).ToContainTextAsync($"Anfragen gehen an {simulator}");
        await Expect(Page.GetByTestId("connection-form")).ToContainTextAsync("Ein Schlüssel ist gespeichert");
        await Expect(key).ToHaveValueAsync("");

        await Page.GetByTestId("connection-test").ClickAsync();
        await Expect(Page.GetByTestId("test-error")).ToContainTextAsync("SCHUFA hat den API-Schlüssel abgelehnt (401)");
        (await Page.ContentAsync()).ShouldNotContain("ein-falscher-schluessel");

        // The plugin's settings on the Plugins page lead to the bureau page.
        await Page.OpenAsync("/admin/plugins");
        var dialog = Page.Locator(".mud-dialog");
        await Page.ClickUntilShownAsync(Page.Locator("tr", new() { HasText = "joules.credit-schufa" }).GetByTestId("plugin-settings"), dialog);
        await Expect(dialog).ToContainTextAsync("Bonitätsprüfungen bei SCHUFA");
        await Page.GetByTestId("bureau-page-link").ClickAsync();
        await Expect(Page.GetByTestId("connection-state")).ToContainTextAsync("Eingerichtet");
    }
}
