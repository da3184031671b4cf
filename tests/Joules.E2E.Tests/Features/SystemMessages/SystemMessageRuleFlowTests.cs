using Joules.Core.Domain.Contracts;
using Joules.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.SystemMessages;

/// <summary>An administrator installs the "System messages" plugin, creates a rule in its dialog, a contract reaches the
/// rule's status, and the mail shows up on the "Sent mail" page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SystemMessageRuleFlowTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Rule_created_in_the_UI_sends_mail_on_contract_status_change()
    {
        var entry = await Page.SignInToNavEntryAsync(App.Host, "admin", "system-messages", "joules.system-messages");
        await entry.ClickAsync();
        await Expect(Page.GetByTestId("rules")).ToContainTextAsync("Keine Regeln vorhanden");

        await Page.GetByTestId("rule-new").ClickAsync();
        await Page.Locator("[data-testid=rule-name] input, input[data-testid=rule-name]").First.FillAsync("Bestätigung an Innendienst");
        await Page.ChooseAsync("rule-status", "Auftragsbestätigung versendet");
        await Page.ChooseAsync("rule-recipient", "Feste Adressen");
        var addresses = Page.Locator("[data-testid=rule-addresses] textarea, textarea[data-testid=rule-addresses]").First;
        await addresses.FillAsync("kein-postfach");
        await Page.GetByTestId("rule-save").ClickAsync();
        await Expect(Page.Locator(".mud-dialog")).ToContainTextAsync("„kein-postfach“ ist keine gültige E-Mail-Adresse.");
        await addresses.FillAsync("innendienst@example.de");
        await Page.GetByTestId("rule-save").ClickAsync();
        await Expect(Page.GetByTestId("rules")).ToContainTextAsync("Bestätigung an Innendienst");
        await Expect(Page.GetByTestId("rules")).ToContainTextAsync("innendienst@example.de");
        await Expect(Page.GetByTestId("rules")).ToContainTextAsync("→ Auftragsbestätigung versendet");

        var (_, number) = await App.CreateContractAsync("Regelprobe", ContractStatus.Confirmed);

        // The list loads once per visit: open it again until the mail has gone through the outbox.
        var subject = $"Vertrag {number}: Auftragsbestätigung versendet";
        var until = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Page.OpenAsync("/admin/sent-mail");
            await Expect(Page.GetByTestId("sent-mail-table")).ToBeVisibleAsync();
            if ((await Page.GetByTestId("sent-mail-table").InnerTextAsync()).Contains(subject)) break;
            await Task.Delay(500);
        }
        while (DateTime.UtcNow < until);
        await Expect(Page.GetByTestId("sent-mail-table")).ToContainTextAsync(subject);
    }

    [Fact]
    public async Task Rule_test_shows_recipients_and_preview_for_a_contract_and_sends_a_test_message()
    {
        var entry = await Page.SignInToNavEntryAsync(App.Host, "admin", "system-messages", "joules.system-messages");
        var (_, number) = await App.CreateContractAsync("Regeltest");
        await entry.ClickAsync();
        await Expect(Page.GetByTestId("rules")).ToBeVisibleAsync();

        await Page.GetByTestId("rule-new").ClickAsync();
        await Page.Locator("[data-testid=rule-name] input, input[data-testid=rule-name]").First.FillAsync("Regeltest an Kunden");
        await Page.ChooseAsync("rule-status", "Auftragsbestätigung versendet");
        await Page.ChooseAsync("rule-recipient", "Kunde");
        await Page.GetByTestId("rule-save").ClickAsync();
        var row = Page.GetByTestId("rules").Locator("tr", new() { HasText = "Regeltest an Kunden" });
        await Expect(row).ToBeVisibleAsync();

        await row.GetByTestId("rule-test").ClickAsync();
        var search = Page.Locator("[data-testid=test-contract] input, input[data-testid=test-contract]").First;
        await search.ClickAsync();
        await search.FillAsync(number);
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = number }).First.ClickAsync();
        await Page.GetByTestId("test-run").ClickAsync();

        await Expect(Page.GetByTestId("test-match")).ToContainTextAsync("Die Bedingungen der Regel sind erfüllt.");
        await Expect(Page.GetByTestId("test-recipients")).ToContainTextAsync("Der Kunde hat keine E-Mail-Adresse.");
        await Expect(Page.GetByTestId("test-subject")).ToContainTextAsync($"Vertrag {number}: Auftragsbestätigung versendet");
        await Expect(Page.GetByTestId("test-html")).ToBeVisibleAsync();

        var to = Page.Locator("[data-testid=test-to] input, input[data-testid=test-to]").First;
        await to.FillAsync("kein-postfach");
        await Page.GetByTestId("test-send").ClickAsync();
        await Expect(Page.Locator(".mud-dialog")).ToContainTextAsync("kein-postfach");
        await to.FillAsync("pruefer@example.de");
        await Page.GetByTestId("test-send").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar", new() { HasText = "Die Testnachricht steht im Postausgang." })).ToBeVisibleAsync();

        // Clean up for the other tests of the page: delete the rule (with confirmation).
        await Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Schließen" }).Last.ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Löschen" }).ClickAsync();
        await Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Löschen" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        // The log: paged on the server, filterable by state.
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Protokoll" }).ClickAsync();
        await Expect(Page.GetByTestId("log")).ToBeVisibleAsync();
        await Page.ChooseAsync("log-state", "Nicht gesendet");
        await Expect(Page.GetByTestId("log")).ToContainTextAsync("Keine Benachrichtigungen gefunden.");
    }
}
