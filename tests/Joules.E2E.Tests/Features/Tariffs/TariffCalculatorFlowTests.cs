using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Tariffs;

/// <summary>A sales employee prices the demo brand's tariffs at a Freiburg address with market data from the ene't plugin
/// (answering from the simulator): rank among the competitors and the breakdown; then the heat pump tariff for a
/// separately metered heat pump.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TariffCalculatorFlowTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Staff_prices_the_tariffs_at_an_address_sees_rank_and_breakdown_and_then_the_heat_pump_tariff()
    {
        await App.Host.InstallMarketDataAsync();

        await Page.SignInAsync("staff", DemoUsers.Password);
        await Page.OpenAsync("/tariffs/calculator");
        await Page.ChooseAsync("calculator-brand", "Stadtwerke Sonnental");
        await Page.Locator(PageSteps.Field("calculator-postal-code")).FillAsync("79098");
        await Page.GetByTestId("calculator-run").ClickAsync();

        var tariffs = Page.GetByTestId("calculator-tariffs");
        await Expect(tariffs).ToContainTextAsync("Sonnental Strom Fix 12");
        await Expect(tariffs).Not.ToContainTextAsync("Sonnental Wärmestrom");
        await Expect(Page.GetByTestId("calculator-area")).ToContainTextAsync("Freiburg");
        await Expect(Page.GetByTestId("calculator-rank").First).ToContainTextAsync(" von ");
        await Expect(Page.GetByTestId("calculator-problems")).ToHaveCountAsync(0);
        await tariffs.GetByRole(AriaRole.Button).First.ClickAsync();
        await Expect(Page.GetByTestId("calculator-breakdown")).ToContainTextAsync("Konzessionsabgabe");

        await Page.ChooseAsync("calculator-usage", "Wärmepumpe");
        await Page.GetByTestId("calculator-run").ClickAsync();
        await Expect(tariffs).ToContainTextAsync("Sonnental Wärmestrom");
        await Expect(tariffs).Not.ToContainTextAsync("Sonnental Strom Fix 12");
        await Expect(Page.GetByTestId("calculator-rank").First).ToHaveTextAsync("–");
    }
}
