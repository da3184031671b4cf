using Joules.Core.Tests.Messaging.Messenger;
using Joules.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Messenger;

/// <summary>An administrator adds a Slack webhook on the messenger page, is told the URL needs https for a public host,
/// sends a test message that arrives at the webhook, and sees the refusal when the webhook answers 404.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MessengerChannelFlowTests(BrowserApp app) : BrowserTest(app)
{
    private const string Secret = "services/T000/B000/e2eSECRET";
    private WebhookListener _listener = null!;

    public override async Task InitializeAsync()
    {
        _listener = await WebhookListener.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _listener.DisposeAsync();
    }

    [Fact]
    public async Task Channel_added_in_the_UI_receives_a_test_message()
    {
        var entry = await Page.SignInToNavEntryAsync(App.Host, "admin", "admin/messenger");
        await entry.ClickAsync();
        await Expect(Page.GetByTestId("messenger-empty")).ToContainTextAsync("Keine Messenger-Kanäle");

        await Page.GetByTestId("messenger-add").ClickAsync();
        await Page.Locator("[data-testid=messenger-name] input, input[data-testid=messenger-name]").First.FillAsync("Slack Vertrieb");
        await Page.ChooseAsync("messenger-kind", "Slack");
        var url = Page.Locator("[data-testid=messenger-url] input, input[data-testid=messenger-url]").First;
        await url.FillAsync("http://hooks.example.com/" + Secret);
        await Page.GetByTestId("messenger-save").ClickAsync();
        await Expect(Page.Locator(".mud-dialog")).ToContainTextAsync("https:// nötig");

        await url.FillAsync($"{_listener.BaseUrl}/{Secret}");
        await Page.GetByTestId("messenger-save").ClickAsync();
        var table = Page.GetByTestId("messenger-table");
        await Expect(table).ToContainTextAsync("Slack Vertrieb");
        await Expect(table).ToContainTextAsync(new Uri(_listener.BaseUrl).Authority);
        (await Page.ContentAsync()).ShouldNotContain("e2eSECRET");

        await Page.GetByTestId("messenger-test").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar", new() { HasText = "Testnachricht an „Slack Vertrieb“" })).ToBeVisibleAsync();
        var request = _listener.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/" + Secret);
        request.Body.ShouldContain("*Testnachricht von Joules*");

        _listener.Answers.Enqueue(404);
        await Page.GetByTestId("messenger-test").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar", new() { HasText = "HTTP 404" })).ToBeVisibleAsync();
    }
}
