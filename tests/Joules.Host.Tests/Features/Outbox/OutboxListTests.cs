using System.Globalization;
using Bunit;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Host.Features.Outbox;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.Outbox;

public sealed class OutboxListTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly FakeOutbox _outbox = new();

    public OutboxListTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddLogging();
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.Services.AddSingleton<IOutboxAdministration>(_outbox);
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private static OutboxMessage Message(string key, string to, OutboxStatus status, string? error = null, string? html = null)
    {
        var message = OutboxMessage.Create(MessageChannel.Mail, null, key, to, "Auftragsbestätigung " + key, html, "Hallo " + key, DateTimeOffset.UtcNow);
        message.Status = status;
        message.LastError = error;
        return message;
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<OutboxList> Page) Render()
    {
        _ctx.Render<MudPopoverProvider>();
        var dialogs = _ctx.Render<MudDialogProvider>();
        return (dialogs, _ctx.Render<OutboxList>());
    }

    [Fact]
    public void Lists_messages_with_status_error_and_counts()
    {
        _outbox.Items.Add(Message("a", "erika@example.de", OutboxStatus.Sent));
        _outbox.Items.Add(Message("b", "max@example.de", OutboxStatus.Failed, "550 Mailbox unknown"));
        var (_, page) = Render();

        page.WaitForAssertion(() => page.Find("[data-testid=outbox-table]").TextContent.ShouldContain("max@example.de"));
        page.Markup.ShouldContain("550 Mailbox unknown");
        page.Find("[data-testid=outbox-count-Failed]").TextContent.ShouldContain("Fehlgeschlagen (1)");
        page.Find("[data-testid=outbox-count-all]").TextContent.ShouldContain("Alle (2)");
        page.FindAll("[data-testid=outbox-retry]").Count.ShouldBe(1); // failed only, not sent
    }

    [Fact]
    public void Empty_outbox_says_so()
    {
        var (_, page) = Render();

        page.WaitForAssertion(() => page.Find("[data-testid=outbox-table]").TextContent.ShouldContain("Keine Nachrichten gefunden"));
    }

    [Fact]
    public void Status_chip_and_search_text_filter_on_the_server()
    {
        _outbox.Items.Add(Message("b", "max@example.de", OutboxStatus.Failed, "timeout"));
        var (_, page) = Render();

        page.Find("[data-testid=outbox-count-Failed]").Click();
        page.WaitForAssertion(() => _outbox.Searches.Last().Status.ShouldBe(OutboxStatus.Failed));

        var search = page.Find("[data-testid=outbox-search]");
        (search.TagName == "INPUT" ? search : search.QuerySelector("input")!).Input("max@");
        page.WaitForAssertion(() => _outbox.Searches.Last().Text.ShouldBe("max@"), TimeSpan.FromSeconds(5));
        _outbox.Searches.Last().Status.ShouldBe(OutboxStatus.Failed);
    }

    [Fact]
    public void Retry_now_calls_through_for_the_message()
    {
        var failed = Message("b", "max@example.de", OutboxStatus.Failed, "timeout");
        _outbox.Items.Add(failed);
        var (_, page) = Render();

        page.WaitForElement("[data-testid=outbox-retry]").Click();

        page.WaitForAssertion(() => _outbox.Calls.ShouldBe([$"retry:{failed.Id}"]));
    }

    [Fact]
    public void Retry_all_failed_asks_first_then_calls_through()
    {
        _outbox.Items.Add(Message("b", "max@example.de", OutboxStatus.Failed, "timeout"));
        var (dialogs, page) = Render();

        page.WaitForAssertion(() => page.Find("[data-testid=outbox-retry-all]").HasAttribute("disabled").ShouldBeFalse());
        page.Find("[data-testid=outbox-retry-all]").Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Fehlgeschlagene Nachrichten erneut senden?"));
        _outbox.Calls.ShouldBeEmpty();

        dialogs.FindAll("button").First(b => b.TextContent.Contains("Erneut senden")).Click();

        page.WaitForAssertion(() => _outbox.Calls.ShouldBe(["retry-all"]));
    }

    [Fact]
    public void Detail_shows_recipients_error_and_html_in_a_sandboxed_frame()
    {
        _outbox.Items.Add(Message("b", "max@example.de", OutboxStatus.Failed, "550 Mailbox unknown", "<p>Hallo <b>Max</b></p>"));
        var (dialogs, page) = Render();

        page.WaitForElement("[data-testid=outbox-table] tbody tr").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=outbox-detail]").TextContent.ShouldContain("max@example.de"));
        dialogs.Find("[data-testid=outbox-detail-error]").TextContent.ShouldContain("550 Mailbox unknown");
        var frame = dialogs.Find("[data-testid=outbox-detail-html]");
        frame.GetAttribute("sandbox").ShouldBe("");
        frame.GetAttribute("srcdoc").ShouldBe("<p>Hallo <b>Max</b></p>");

        dialogs.Find("[data-testid=outbox-detail-retry]").Click();
        dialogs.WaitForAssertion(() => _outbox.Calls.ShouldBe([$"retry:{_outbox.Items[0].Id}"]));
    }

    private sealed class FakeOutbox : IOutboxAdministration
    {
        public List<OutboxMessage> Items { get; } = [];
        public List<OutboxSearch> Searches { get; } = [];
        public List<string> Calls { get; } = [];

        public Task<OutboxPage> SearchAsync(OutboxSearch search, CancellationToken ct = default)
        {
            Searches.Add(search);
            var items = Items.Where(m => search.Status is null || m.Status == search.Status).ToList();
            return Task.FromResult(new OutboxPage(items, items.Count));
        }

        public Task<IReadOnlyDictionary<OutboxStatus, int>> CountsAsync(OutboxSearch search, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyDictionary<OutboxStatus, int>>(Enum.GetValues<OutboxStatus>().ToDictionary(s => s, s => Items.Count(m => m.Status == s)));

        public Task<OutboxMessage?> FindAsync(Guid id, CancellationToken ct = default) => Task.FromResult(Items.FirstOrDefault(m => m.Id == id));

        public Task<bool> RetryNowAsync(Guid id, CancellationToken ct = default) { Calls.Add($"retry:{id}"); return Task.FromResult(true); }

        public Task<int> RetryAllFailedAsync(CancellationToken ct = default) { Calls.Add("retry-all"); return Task.FromResult(1); }
    }
}
