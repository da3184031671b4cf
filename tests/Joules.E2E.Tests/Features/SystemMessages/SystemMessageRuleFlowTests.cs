using Joules.Core.Domain.Contracts;
using Joules.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.SystemMessages;

/// <summary>An administrator installs the "System messages" plugin, creates a rule in its dialog, a contract reaches the
/// rule's status, and the mail shows up on the "Sent mail" page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SystemMessageRuleFlowTests(BrowserApp app) : IAsyncLifetime
{
    private IPage _admin = null!;

    public async Task InitializeAsync() => _admin = await app.Browser.NewPageAsync(app.Host.BaseUrl);

    public async Task DisposeAsync() => await _admin.Context.DisposeAsync();

    [Fact]
    public async Task Rule_created_in_the_UI_sends_mail_on_contract_status_change()
    {
        var entry = await _admin.SignInToNavEntryAsync(app.Host, "admin", "system-messages", "joules.system-messages");
        await entry.ClickAsync();
        await Expect(_admin.GetByTestId("rules")).ToContainTextAsync("Keine Regeln vorhanden");

        await _admin.GetByTestId("rule-new").ClickAsync();
        await _admin.Locator("[data-testid=rule-name] input, input[data-testid=rule-name]").First.FillAsync("Bestätigung an Innendienst");
        await _admin.ChooseAsync("rule-status", "Auftragsbestätigung versendet");
        await _admin.ChooseAsync("rule-recipient", "Feste Adressen");
        var addresses = _admin.Locator("[data-testid=rule-addresses] textarea, textarea[data-testid=rule-addresses]").First;
        await addresses.FillAsync("kein-postfach");
        await _admin.GetByTestId("rule-save").ClickAsync();
        await Expect(_admin.Locator(".mud-dialog")).ToContainTextAsync("„kein-postfach“ ist keine gültige E-Mail-Adresse.");
        await addresses.FillAsync("innendienst@example.de");
        await _admin.GetByTestId("rule-save").ClickAsync();
        await Expect(_admin.GetByTestId("rules")).ToContainTextAsync("Bestätigung an Innendienst");
        await Expect(_admin.GetByTestId("rules")).ToContainTextAsync("innendienst@example.de");
        await Expect(_admin.GetByTestId("rules")).ToContainTextAsync("→ Auftragsbestätigung versendet");

        var (_, number) = await app.CreateContractAsync("Regelprobe", ContractStatus.Confirmed);

        // The list loads once per visit: open it again until the mail has gone through the outbox.
        var subject = $"Vertrag {number}: Auftragsbestätigung versendet";
        var until = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await _admin.OpenAsync("/admin/sent-mail");
            await Expect(_admin.GetByTestId("sent-mail-table")).ToBeVisibleAsync();
            if ((await _admin.GetByTestId("sent-mail-table").InnerTextAsync()).Contains(subject)) break;
            await Task.Delay(500);
        }
        while (DateTime.UtcNow < until);
        await Expect(_admin.GetByTestId("sent-mail-table")).ToContainTextAsync(subject);
    }

    [Fact]
    public async Task Rule_test_shows_recipients_and_preview_for_a_contract_and_sends_a_test_message()
    {
        var entry = await _admin.SignInToNavEntryAsync(app.Host, "admin", "system-messages", "joules.system-messages");
        var (_, number) = await app.CreateContractAsync("Regeltest");
        await entry.ClickAsync();
        await Expect(_admin.GetByTestId("rules")).ToBeVisibleAsync();

        await _admin.GetByTestId("rule-new").ClickAsync();
        await _admin.Locator("[data-testid=rule-name] input, input[data-testid=rule-name]").First.FillAsync("Regeltest an Kunden");
        await _admin.ChooseAsync("rule-status", "Auftragsbestätigung versendet");
        await _admin.ChooseAsync("rule-recipient", "Kunde");
        await _admin.GetByTestId("rule-save").ClickAsync();
        var row = _admin.GetByTestId("rules").Locator("tr", new() { HasText = "Regeltest an Kunden" });
        await Expect(row).ToBeVisibleAsync();

        await row.GetByTestId("rule-test").ClickAsync();
        var search = _admin.Locator("[data-testid=test-contract] input, input[data-testid=test-contract]").First;
        await search.ClickAsync();
        await search.FillAsync(number);
        await _admin.Locator(".mud-popover-open .mud-list-item", new() { HasText = number }).First.ClickAsync();
        await _admin.GetByTestId("test-run").ClickAsync();

        await Expect(_admin.GetByTestId("test-match")).ToContainTextAsync("Die Bedingungen der Regel sind erfüllt.");
        await Expect(_admin.GetByTestId("test-recipients")).ToContainTextAsync("Der Kunde hat keine E-Mail-Adresse.");
        await Expect(_admin.GetByTestId("test-subject")).ToContainTextAsync($"Vertrag {number}: Auftragsbestätigung versendet");
        await Expect(_admin.GetByTestId("test-html")).ToBeVisibleAsync();

        var to = _admin.Locator("[data-testid=test-to] input, input[data-testid=test-to]").First;
        await to.FillAsync("kein-postfach");
        await _admin.GetByTestId("test-send").ClickAsync();
        await Expect(_admin.Locator(".mud-dialog")).ToContainTextAsync("kein-postfach");
        await to.FillAsync("pruefer@example.de");
        await _admin.GetByTestId("test-send").ClickAsync();
        await Expect(_admin.Locator(".mud-snackbar", new() { HasText = "Die Testnachricht steht im Postausgang." })).ToBeVisibleAsync();

        // Clean up for the other tests of the page: delete the rule (with confirmation).
        await _admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Schließen" }).Last.ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Löschen" }).ClickAsync();
        await _admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Löschen" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        // The log: paged on the server, filterable by state.
        await _admin.GetByRole(AriaRole.Tab, new() { Name = "Protokoll" }).ClickAsync();
        await Expect(_admin.GetByTestId("log")).ToBeVisibleAsync();
        await _admin.ChooseAsync("log-state", "Nicht gesendet");
        await Expect(_admin.GetByTestId("log")).ToContainTextAsync("Keine Benachrichtigungen gefunden.");
    }
}
