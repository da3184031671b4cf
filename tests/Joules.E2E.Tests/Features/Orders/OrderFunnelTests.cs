using Joules.Core.Domain.Contracts;
using Joules.Core.MarketData;
using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Orders;

[Collection(BrowserCollection.Name)]
public sealed class OrderFunnelTests(BrowserApp app) : BrowserTest(app)
{
    // A demo tariff of Stadtwerke Sonnental that is not the cheapest card (so choosing it is the link's doing).
    private const string DemoTariffCode = "S-OEKO24";
    private const string DemoTariffName = "Sonnental Strom Öko 24";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Page.SetViewportSizeAsync(390, 844);
    }

    [Fact]
    public async Task Customer_orders_on_a_phone_and_the_contract_appears_in_the_back_office()
    {
        var email = $"erika.{Guid.NewGuid():N}@example.org";
        await App.Host.InstallMarketDataAsync();

        // (1) Calculator: demo brand Stadtwerke Sonnental, Freiburg 79100, two persons.
        await Page.OpenAsync("/bestellen/SWS");
        await Expect(Page.GetByTestId("order-brand-name")).ToHaveTextAsync("Stadtwerke Sonnental");
        await Expect(Page.GetByTestId("order-step-Consumption")).ToBeVisibleAsync();
        await Page.Locator(PageSteps.Field("order-postal-code")).FillAsync("79100");
        await Page.GetByTestId("order-next").ClickAsync();

        // (2) Tariff cards with first-year cost and instalment; market data (simulator) adds the savings against the
        // default supply of Freiburg and the price breakdown.
        var card = Page.GetByTestId("order-tariff-card").First;
        await Expect(card.GetByTestId("order-tariff-first-year")).ToContainTextAsync("€");
        await Expect(card.GetByTestId("order-tariff-instalment")).ToContainTextAsync("Abschlag");
        await Expect(card.GetByTestId("order-tariff-savings")).ToContainTextAsync("im ersten Jahr gegenüber der Grundversorgung");
        await card.GetByTestId("order-tariff-breakdown").Locator(".mud-expand-panel-header").ClickAsync();
        await Expect(card.GetByTestId("calculator-breakdown")).ToContainTextAsync("Stromsteuer");
        await card.GetByTestId("order-tariff-choose").ClickAsync();
        await Expect(card.GetByTestId("order-tariff-choose")).ToHaveTextAsync("Ausgewählt");
        await Page.GetByTestId("order-next").ClickAsync();

        // (3) Customer data: "Weiter" without a last name shows the message at the field.
        await Expect(Page.GetByTestId("order-step-Customer")).ToBeVisibleAsync();
        await Page.GetByTestId("order-next").ClickAsync();
        await Expect(Page.GetByText("Bitte die E-Mail-Adresse angeben", new() { Exact = false })).ToBeVisibleAsync();
        await Page.Locator(PageSteps.Field("order-first-name")).FillAsync("Erika");
        await Page.Locator(PageSteps.Field("order-last-name")).FillAsync("Funnelmann");
        await Page.Locator(PageSteps.Field("order-email")).FillAsync(email);
        await Page.Locator(PageSteps.Field("order-street")).FillAsync("Kaiser-Joseph-Straße");
        await Page.Locator(PageSteps.Field("order-house-number")).FillAsync("12");
        await Page.Locator(PageSteps.Field("order-city")).FillAsync("Freiburg im Breisgau");
        await Page.GetByTestId("order-next").ClickAsync();

        // A reload keeps the step and the inputs.
        await Expect(Page.GetByTestId("order-step-DeliveryPoint")).ToBeVisibleAsync();
        await Page.ReloadAsync();
        await Page.WaitForCircuitAsync();
        await Expect(Page.GetByTestId("order-step-DeliveryPoint")).ToBeVisibleAsync();
        await Page.GetByTestId("order-back").ClickAsync();
        await Expect(Page.Locator(PageSteps.Field("order-last-name"))).ToHaveValueAsync("Funnelmann");
        await Page.GetByTestId("order-next").ClickAsync();

        // (4) Delivery point: a wrong check digit is refused with a German message.
        await Expect(Page.GetByTestId("order-step-DeliveryPoint")).ToBeVisibleAsync();
        await Page.Locator(PageSteps.Field("order-malo")).FillAsync("41373559242");
        await Page.Locator(PageSteps.Field("order-meter")).FillAsync("1ESY1160123456");
        await Page.Locator(PageSteps.Field("order-previous-supplier")).FillAsync("Altversorger AG");
        await Page.Locator(PageSteps.Field("order-start")).FillAsync(DateTime.Today.AddDays(40).ToString("yyyy-MM-dd"));
        await Page.GetByTestId("order-next").ClickAsync();
        await Expect(Page.GetByText("MaLo-ID „41373559242“ ist ungültig", new() { Exact = false })).ToBeVisibleAsync();
        await Page.Locator(PageSteps.Field("order-malo")).FillAsync("41373559241");
        await Page.GetByTestId("order-next").ClickAsync();

        // (5) Payment: SEPA direct debit with the brand's mandate text.
        await Expect(Page.GetByTestId("order-mandate-text")).ToContainTextAsync("Stadtwerke Sonnental");
        await Page.Locator(PageSteps.Field("order-iban")).FillAsync("DE89370400440532013000");
        await Page.Locator(PageSteps.Field("order-account-holder")).FillAsync("Erika Funnelmann");
        await Page.GetByTestId("order-mandate").ClickAsync();
        await Expect(Page.Locator(PageSteps.Field("order-iban"))).ToHaveValueAsync("DE89 3704 0044 0532 0130 00");
        await Page.GetByTestId("order-next").ClickAsync();

        // (6) Summary: terms and withdrawal notice must be ticked; consents stay unticked.
        await Expect(Page.GetByTestId("order-summary")).ToContainTextAsync("Funnelmann");
        await Page.GetByTestId("order-submit").ClickAsync();
        await Expect(Page.GetByTestId("order-error-TermsAccepted")).ToBeVisibleAsync();
        await Page.GetByTestId("order-terms").ClickAsync();
        await Page.GetByTestId("order-withdrawal").ClickAsync();
        await Page.GetByTestId("order-submit").ClickAsync();

        var number = Page.GetByTestId("order-contract-number");
        await Expect(number).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^V-\\d+$"));
        var contractNumber = (await number.InnerTextAsync()).Trim();

        // The back office finds the captured contract.
        var office = await App.Browser.NewPageAsync(App.Host.BaseUrl);
        try
        {
            await office.SignInAsync("staff", DemoUsers.Password);
            await office.OpenAsync("/contracts");
            await office.Locator(PageSteps.Field("contract-filter-text")).FillAsync(contractNumber);
            var link = office.GetByTestId("contract-link-" + contractNumber);
            await Expect(link).ToBeVisibleAsync();
            // The list re-renders while the search settles, which can swallow a click on the link: follow its address.
            await office.OpenAsync("/" + (await link.GetAttributeAsync("href"))!.TrimStart('/'));
            await Expect(office.GetByTestId("contract-title")).ToContainTextAsync(contractNumber);
            await Expect(office.GetByTestId("contract-status")).ToHaveTextAsync(ContractStatusText.Label(ContractStatus.Captured));
        }
        finally
        {
            await office.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_link_with_postal_code_and_tariff_opens_the_tariff_step_with_that_tariff_chosen()
    {
        // The public calculator widget links into the funnel with the customer's values.
        await Page.OpenAsync("/bestellen/SWS?plz=79100&sparte=strom&personen=3&tarif=" + DemoTariffCode);

        await Expect(Page.GetByTestId("order-step-Tariff")).ToBeVisibleAsync();
        var chosen = Page.Locator(".order-tariff-selected");
        await Expect(chosen).ToHaveCountAsync(1);
        await Expect(chosen.GetByTestId("order-tariff-choose")).ToHaveTextAsync("Ausgewählt");
        await Expect(chosen.GetByTestId("order-tariff-name")).ToHaveTextAsync(DemoTariffName);
        await Expect(Page.GetByText("3.500 kWh", new() { Exact = false })).ToBeVisibleAsync();
        // The parameters are used once: a reload keeps the draft.
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/bestellen/SWS$"));

        // Invalid values open the consumption step with the message at the field.
        await Page.OpenAsync("/bestellen/SWS?plz=7910x&personen=2");
        await Expect(Page.GetByTestId("order-step-Consumption")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Bitte eine gültige Postleitzahl angeben", new() { Exact = false })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Unknown_brand_code_shows_a_message()
    {
        await Page.OpenAsync("/bestellen/NOPE");
        await Expect(Page.GetByTestId("order-brand-unknown")).ToContainTextAsync("„NOPE“ gibt es nicht");
    }
}
