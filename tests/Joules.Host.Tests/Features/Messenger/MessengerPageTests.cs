using System.Globalization;
using Bunit;
using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Messenger;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Messaging.Messenger;
using Joules.Host.Features.Messenger;
using Joules.Host.Features.Outbox;
using Joules.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.Messenger;

public sealed class MessengerPageTests : IAsyncLifetime
{
    private const string Secret = "workflows/abc123/triggers/manual/sig=TOPSECRET";
    private readonly JoulesAppFactory _app = new();
    private readonly BunitContext _ctx = new();
    private AsyncServiceScope _scope;
    private WebhookListener _listener = null!;
    private Guid _brandId;

    public async Task InitializeAsync()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _listener = await WebhookListener.StartAsync();
        _scope = _app.Services.CreateAsyncScope();
        _scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("admin");
        await using (var db = _scope.ServiceProvider.GetRequiredService<IDbContextFactory<JoulesDbContext>>().CreateDbContext())
        {
            var brand = new Brand("SWT", "Stadtwerke Test");
            db.Brands.Add(brand);
            await db.SaveChangesAsync();
            _brandId = brand.Id;
        }
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddLogging();
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<MessengerChannelService>());
        _ctx.Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<IDbContextFactory<JoulesDbContext>>());
        _ctx.Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<IOutboxAdministration>());
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _scope.DisposeAsync();
        await _listener.DisposeAsync();
        await _app.DisposeAsync();
    }

    private static void Type(IRenderedComponent<MudDialogProvider> dialogs, string testId, string value) =>
        dialogs.Find($"input[data-testid={testId}], [data-testid={testId}] input").Change(value);

    [Fact]
    public async Task Channels_are_added_tested_edited_and_deleted_without_ever_showing_the_url()
    {
        _ctx.Render<MudPopoverProvider>();
        var dialogs = _ctx.Render<MudDialogProvider>();
        var snackbar = _ctx.Render<MudSnackbarProvider>();
        var page = _ctx.Render<MessengerPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=messenger-empty]").TextContent.ShouldContain("Keine Messenger-Kanäle"));

        await page.InvokeAsync(() => page.Find("[data-testid=messenger-add]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=messenger-save]"));
        Type(dialogs, "messenger-url", "http://chat.example.com/hooks/x");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=messenger-save]").Click());
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Name: bitte einen Namen"));

        Type(dialogs, "messenger-name", "Teams Vertrieb");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=messenger-save]").Click());
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("https:// nötig"));

        Type(dialogs, "messenger-url", $"{_listener.BaseUrl}/{Secret}");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=messenger-save]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=messenger-row-name]").TextContent.ShouldBe("Teams Vertrieb"));
        var host = new Uri(_listener.BaseUrl).Authority;
        page.Find("[data-testid=messenger-table]").TextContent.ShouldContain(host);
        page.Find("[data-testid=messenger-table]").TextContent.ShouldContain("Microsoft Teams");
        page.Markup.ShouldNotContain("TOPSECRET");

        await page.InvokeAsync(() => page.Find("[data-testid=messenger-test]").Click());
        snackbar.WaitForAssertion(() => snackbar.Markup.ShouldContain("Testnachricht an „Teams Vertrieb“"));
        var request = _listener.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/" + Secret);
        request.Body.ShouldContain("AdaptiveCard");

        _listener.Answers.Enqueue(404);
        page.WaitForAssertion(() => page.Find("[data-testid=messenger-test]").HasAttribute("disabled").ShouldBeFalse());
        await page.InvokeAsync(() => page.Find("[data-testid=messenger-test]").Click());
        snackbar.WaitForAssertion(() => snackbar.Markup.ShouldContain("HTTP 404"));
        snackbar.Markup.ShouldNotContain("TOPSECRET");

        await page.InvokeAsync(() => page.Find("[data-testid=messenger-edit]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=messenger-url], [data-testid=messenger-url] input").GetAttribute("placeholder").ShouldBe("unverändert"));
        dialogs.Markup.ShouldNotContain("TOPSECRET");
        Type(dialogs, "messenger-name", "Teams Service");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=messenger-save]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=messenger-row-name]").TextContent.ShouldBe("Teams Service"));

        await page.InvokeAsync(() => page.Find("[data-testid=messenger-delete]").Click());
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Den Kanal „Teams Service“ löschen?"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Löschen").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=messenger-empty]"));
    }

    [Fact]
    public async Task Outbox_names_the_messenger_channel_and_shows_delivery_details()
    {
        var channel = await _scope.ServiceProvider.GetRequiredService<MessengerChannelService>()
            .CreateAsync(_brandId, new MessengerChannelInput { Name = "Slack Technik", Kind = MessengerKind.Slack, Url = $"{_listener.BaseUrl}/{Secret}" });
        await using (var db = _scope.ServiceProvider.GetRequiredService<IDbContextFactory<JoulesDbContext>>().CreateDbContext())
        {
            await db.QueueMessageAsync(MessageChannel.Messenger, _brandId, "m-1", channel.Id.ToString(), "Störung", "Zähler meldet nichts");
            await db.SaveChangesAsync();
        }

        _ctx.Render<MudPopoverProvider>();
        var dialogs = _ctx.Render<MudDialogProvider>();
        var page = _ctx.Render<OutboxList>();
        page.WaitForAssertion(() => page.Find("[data-testid=outbox-row-recipient]").TextContent.ShouldBe("Slack Technik"));

        page.Find("[data-testid=outbox-row-recipient]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=outbox-detail-recipient]").TextContent.ShouldBe("Slack Technik"));
        dialogs.Find("[data-testid=outbox-detail-delivery]").TextContent.ShouldContain("keine Meldung");
        dialogs.Find("[data-testid=outbox-detail-provider-id]").TextContent.ShouldBe("–");
    }
}
