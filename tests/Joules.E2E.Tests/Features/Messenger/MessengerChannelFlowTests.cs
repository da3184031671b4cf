using Joules.Core.Tests.Messaging.Messenger;
using Joules.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Messenger;

/// <summary>An administrator adds a Slack webhook on the messenger page, is told the URL needs https for a public host,
/// sends a test message that arrives at the webhook, and sees the refusal when the webhook answers 404.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MessengerChannelFlowTests(BrowserApp app) : IAsyncLifetime
{
    private const string Secret = "services/T000/B000/e2eSECRET";
    private IPage _admin = null!;
    private WebhookListener _listener = null!;

    public async Task InitializeAsync()
    {
        _listener = await WebhookListener.StartAsync();
        _admin = await app.Browser.NewPageAsync(app.Host.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _admin.Context.DisposeAsync();
        await _listener.DisposeAsync();
    }

    [Fact]
    public async Task Channel_added_in_the_UI_receives_a_test_message()
    {
        var entry = await _admin.SignInToNavEntryAsync(app.Host, "admin", "admin/messenger");
        await entry.ClickAsync();
        await Expect(_admin.GetByTestId("messenger-empty")).ToContainTextAsync("Keine Messenger-Kanäle");

        await _admin.GetByTestId("messenger-add").ClickAsync();
        await _admin.Locator("[data-testid=messenger-name] input, input[data-testid=messenger-name]").First.FillAsync("Slack Vertrieb");
        await _admin.ChooseAsync("messenger-kind", "Slack");
        var url = _admin.Locator("[data-testid=messenger-url] input, input[data-testid=messenger-url]").First;
        await url.FillAsync("http://hooks.example.com/" + Secret);
        await _admin.GetByTestId("messenger-save").ClickAsync();
        await Expect(_admin.Locator(".mud-dialog")).ToContainTextAsync("https:// nötig");

        await url.FillAsync($"{_listener.BaseUrl}/{Secret}");
        await _admin.GetByTestId("messenger-save").ClickAsync();
        var table = _admin.GetByTestId("messenger-table");
        await Expect(table).ToContainTextAsync("Slack Vertrieb");
        await Expect(table).ToContainTextAsync(new Uri(_listener.BaseUrl).Authority);
        (await _admin.ContentAsync()).ShouldNotContain("e2eSECRET");

        await _admin.GetByTestId("messenger-test").ClickAsync();
        await Expect(_admin.Locator(".mud-snackbar", new() { HasText = "Testnachricht an „Slack Vertrieb“" })).ToBeVisibleAsync();
        var request = _listener.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/" + Secret);
        request.Body.ShouldContain("*Testnachricht von Joules*");

        _listener.Answers.Enqueue(404);
        await _admin.GetByTestId("messenger-test").ClickAsync();
        await Expect(_admin.Locator(".mud-snackbar", new() { HasText = "HTTP 404" })).ToBeVisibleAsync();
    }
}
