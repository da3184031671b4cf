using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Tariffs;

/// <summary>A sales employee prices the demo brand's tariffs at a Freiburg address with market data from the ene't plugin
/// (answering from the simulator): rank among the competitors and the breakdown; then the heat pump tariff for a
/// separately metered heat pump.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TariffCalculatorFlowTests(BrowserApp app) : IAsyncLifetime
{
    private IPage _page = null!;

    public async Task InitializeAsync() => _page = await app.Browser.NewPageAsync(app.Host.BaseUrl);

    public async Task DisposeAsync() => await _page.Context.DisposeAsync();

    [Fact]
    public async Task Staff_prices_the_tariffs_at_an_address_sees_rank_and_breakdown_and_then_the_heat_pump_tariff()
    {
        await app.Host.InstallMarketDataAsync();

        await _page.SignInAsync("staff", DemoUsers.Password);
        await _page.OpenAsync("/tariffs/calculator");
        await _page.ChooseAsync("calculator-brand", "Stadtwerke Sonnental");
        await _page.Locator(PageSteps.Field("calculator-postal-code")).FillAsync("79098");
        await _page.GetByTestId("calculator-run").ClickAsync();

        var tariffs = _page.GetByTestId("calculator-tariffs");
        await Expect(tariffs).ToContainTextAsync("Sonnental Strom Fix 12");
        await Expect(tariffs).Not.ToContainTextAsync("Sonnental Wärmestrom");
        await Expect(_page.GetByTestId("calculator-area")).ToContainTextAsync("Freiburg");
        await Expect(_page.GetByTestId("calculator-rank").First).ToContainTextAsync(" von ");
        await Expect(_page.GetByTestId("calculator-problems")).ToHaveCountAsync(0);
        await tariffs.GetByRole(AriaRole.Button).First.ClickAsync();
        await Expect(_page.GetByTestId("calculator-breakdown")).ToContainTextAsync("Konzessionsabgabe");

        await _page.ChooseAsync("calculator-usage", "Wärmepumpe");
        await _page.GetByTestId("calculator-run").ClickAsync();
        await Expect(tariffs).ToContainTextAsync("Sonnental Wärmestrom");
        await Expect(tariffs).Not.ToContainTextAsync("Sonnental Strom Fix 12");
        await Expect(_page.GetByTestId("calculator-rank").First).ToHaveTextAsync("–");
    }
}
