using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Messenger;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Joules.Core.Tests.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Joules.Core.Tests.Messaging.Messenger;

public sealed class MessengerChannelTests : IAsyncLifetime
{
    private const string Secret = "T00000000/B11111111/XXXXsecretXXXX";
    private readonly SqliteTestDatabase _database = new();
    private readonly TestClock _clock = new();
    private ServiceProvider _services = null!;
    private WebhookListener _listener = null!;
    private Guid _brandId;

    public MessengerChannelTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        _brandId = (await _database.AddBrandAsync("MSG", "Messenger Energie")).Id;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJoulesCore(_database.Options);
        services.AddSingleton<TimeProvider>(_clock);
        _services = services.BuildServiceProvider(validateScopes: true);
        _listener = await WebhookListener.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _listener.DisposeAsync();
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private string HookUrl => $"{_listener.BaseUrl}/hooks/{Secret}";

    private async Task<T> WithServiceAsync<T>(Func<MessengerChannelService, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MessengerChannelService>());
    }

    private Task<MessengerChannelRow> CreateChannelAsync(MessengerKind kind, string? url = null, string name = "Vertrieb") =>
        WithServiceAsync(s => s.CreateAsync(_brandId, new MessengerChannelInput { Name = name, Kind = kind, Url = url ?? HookUrl }));

    private async Task<OutboxMessage> QueueAsync(Guid channelId, string key = "msg-1", string title = "Vertrag V-1 aktiv", string text = "Der Vertrag ist **aktiv**.")
    {
        await using var db = _database.Context(new SystemUser());
        var queued = await db.QueueMessageAsync(MessageChannel.Messenger, _brandId, key, channelId.ToString(), title, text, source: "test");
        await db.SaveChangesAsync();
        return queued.Message;
    }

    private async Task<OutboxMessage> LoadAsync(Guid id)
    {
        await using var db = _database.Context(new SystemUser());
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private OutboxSender NewSender() => ActivatorUtilities.CreateInstance<OutboxSender>(_services);

    [Fact]
    public async Task Slack_receives_bold_title_and_text_with_an_idempotency_key()
    {
        var channel = await CreateChannelAsync(MessengerKind.Slack);
        var message = await QueueAsync(channel.Id);

        (await NewSender().SendPendingAsync()).ShouldBe(1);

        var request = _listener.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe($"/hooks/{Secret}");
        request.ContentType!.ShouldStartWith("application/json");
        request.IdempotencyKey.ShouldBe("msg-1");
        using var json = JsonDocument.Parse(request.Body);
        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["text"]);
        json.RootElement.GetProperty("text").GetString().ShouldBe("*Vertrag V-1 aktiv*\n\nDer Vertrag ist **aktiv**.");
        (await LoadAsync(message.Id)).Status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task Mattermost_receives_a_heading_and_text()
    {
        var channel = await CreateChannelAsync(MessengerKind.Mattermost);
        await QueueAsync(channel.Id);

        await NewSender().SendPendingAsync();

        using var json = JsonDocument.Parse(_listener.Requests.ShouldHaveSingleItem().Body);
        json.RootElement.GetProperty("text").GetString().ShouldBe("#### Vertrag V-1 aktiv\n\nDer Vertrag ist **aktiv**.");
    }

    [Fact]
    public async Task Teams_receives_an_adaptive_card_with_title_and_text()
    {
        var channel = await CreateChannelAsync(MessengerKind.Teams);
        await QueueAsync(channel.Id);

        await NewSender().SendPendingAsync();

        var request = _listener.Requests.ShouldHaveSingleItem();
        request.IdempotencyKey.ShouldBe("msg-1");
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        root.GetProperty("type").GetString().ShouldBe("message");
        var attachment = root.GetProperty("attachments").EnumerateArray().ShouldHaveSingleItem();
        attachment.GetProperty("contentType").GetString().ShouldBe("application/vnd.microsoft.card.adaptive");
        var card = attachment.GetProperty("content");
        card.GetProperty("$schema").GetString().ShouldBe("http://adaptivecards.io/schemas/adaptive-card.json");
        card.GetProperty("type").GetString().ShouldBe("AdaptiveCard");
        card.GetProperty("version").GetString().ShouldBe("1.4");
        var body = card.GetProperty("body").EnumerateArray().ToList();
        body.Count.ShouldBe(2);
        body[0].GetProperty("type").GetString().ShouldBe("TextBlock");
        body[0].GetProperty("text").GetString().ShouldBe("Vertrag V-1 aktiv");
        body[0].GetProperty("weight").GetString().ShouldBe("Bolder");
        body[0].GetProperty("wrap").GetBoolean().ShouldBeTrue();
        body[1].GetProperty("text").GetString().ShouldBe("Der Vertrag ist **aktiv**.");
        body[1].GetProperty("wrap").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Generic_JSON_receives_title_text_and_the_message_identity()
    {
        var channel = await CreateChannelAsync(MessengerKind.GenericJson);
        var message = await QueueAsync(channel.Id, key: "rule:42:contract:7");

        await NewSender().SendPendingAsync();

        var request = _listener.Requests.ShouldHaveSingleItem();
        request.IdempotencyKey.ShouldBe("rule:42:contract:7");
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        root.GetProperty("title").GetString().ShouldBe("Vertrag V-1 aktiv");
        root.GetProperty("text").GetString().ShouldBe("Der Vertrag ist **aktiv**.");
        root.GetProperty("brandId").GetString().ShouldBe(_brandId.ToString());
        root.GetProperty("messageId").GetString().ShouldBe(message.Id.ToString());
        root.GetProperty("idempotencyKey").GetString().ShouldBe("rule:42:contract:7");
        DateTimeOffset.Parse(root.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture).ShouldBe(message.CreatedAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Server_error_keeps_the_message_queued_and_the_next_run_sends_it_once()
    {
        var channel = await CreateChannelAsync(MessengerKind.Slack);
        var message = await QueueAsync(channel.Id);
        _listener.Answers.Enqueue(500);

        (await NewSender().SendPendingAsync()).ShouldBe(0);
        var afterFirst = await LoadAsync(message.Id);
        afterFirst.Status.ShouldBe(OutboxStatus.Queued);
        afterFirst.Attempts.ShouldBe(1);
        afterFirst.LastError!.ShouldNotBeNull();
        afterFirst.LastError!.ShouldContain("HTTP 500");
        afterFirst.LastError!.ShouldContain("127.0.0.1");
        afterFirst.LastError!.ShouldNotContain(Secret);

        _clock.Now = afterFirst.NextAttemptAt.AddSeconds(1);
        (await NewSender().SendPendingAsync()).ShouldBe(1);
        (await NewSender().SendPendingAsync()).ShouldBe(0);

        var sent = await LoadAsync(message.Id);
        sent.Status.ShouldBe(OutboxStatus.Sent);
        sent.Attempts.ShouldBe(2);
        _listener.Requests.Count.ShouldBe(2);
        _listener.Requests.Select(r => r.IdempotencyKey).Distinct().ShouldBe(["msg-1"]);
    }

    [Fact]
    public async Task Not_found_fails_the_message_for_good_with_the_status_named()
    {
        var channel = await CreateChannelAsync(MessengerKind.Teams);
        var message = await QueueAsync(channel.Id);
        _listener.Answers.Enqueue(404);
        _listener.ResponseBody = $"no hook at /hooks/{Secret}";

        await NewSender().SendPendingAsync();

        var failed = await LoadAsync(message.Id);
        failed.Status.ShouldBe(OutboxStatus.Failed);
        failed.Attempts.ShouldBe(1);
        failed.LastError!.ShouldContain("HTTP 404");
        failed.LastError!.ShouldContain("abgelehnt");
        failed.LastError!.ShouldNotContain(Secret);
    }

    [Fact]
    public async Task Too_many_requests_is_retried()
    {
        var channel = await CreateChannelAsync(MessengerKind.Mattermost);
        var message = await QueueAsync(channel.Id);
        _listener.Answers.Enqueue(429);

        await NewSender().SendPendingAsync();

        var queued = await LoadAsync(message.Id);
        queued.Status.ShouldBe(OutboxStatus.Queued);
        queued.LastError!.ShouldContain("HTTP 429");
    }

    [Fact]
    public async Task Unreachable_webhook_keeps_the_message_queued_with_a_clear_error()
    {
        int closedPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        var channel = await CreateChannelAsync(MessengerKind.Slack, $"http://127.0.0.1:{closedPort}/hooks/{Secret}");
        var message = await QueueAsync(channel.Id);

        (await NewSender().SendPendingAsync()).ShouldBe(0);

        var queued = await LoadAsync(message.Id);
        queued.Status.ShouldBe(OutboxStatus.Queued);
        queued.Attempts.ShouldBe(1);
        queued.LastError!.ShouldContain("nicht erreichbar");
        queued.LastError!.ShouldContain("Verbindung abgelehnt");
        queued.LastError!.ShouldContain($"127.0.0.1:{closedPort}");
        queued.LastError!.ShouldNotContain(Secret);
    }

    [Fact]
    public async Task Disabled_channel_keeps_the_message_waiting()
    {
        var channel = await CreateChannelAsync(MessengerKind.Slack);
        await WithServiceAsync(async s => { await s.SetEnabledAsync(channel.Id, false); return 0; });
        var message = await QueueAsync(channel.Id);

        await NewSender().SendPendingAsync();

        var queued = await LoadAsync(message.Id);
        queued.Status.ShouldBe(OutboxStatus.Queued);
        queued.LastError!.ShouldContain("Kanal ist deaktiviert");
        _listener.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Missing_channel_fails_the_message_for_good()
    {
        var message = await QueueAsync(Guid.NewGuid());

        await NewSender().SendPendingAsync();

        var failed = await LoadAsync(message.Id);
        failed.Status.ShouldBe(OutboxStatus.Failed);
        failed.LastError!.ShouldContain("gibt es nicht");
    }

    [Fact]
    public async Task Url_is_stored_encrypted_and_only_the_host_is_kept_in_clear()
    {
        var channel = await CreateChannelAsync(MessengerKind.Slack);
        channel.UrlHost.ShouldBe(new Uri(_listener.BaseUrl).Authority);

        await using var db = _database.Context(new SystemUser());
        var raw = await db.Database.SqlQueryRaw<string>("SELECT ProtectedUrl AS Value FROM MessengerChannels").ToListAsync();
        raw.ShouldHaveSingleItem().ShouldNotContain(Secret);
        raw[0].ShouldNotContain("hooks");
        var file = await File.ReadAllBytesAsync(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(_database.Options.ConnectionString).DataSource);
        System.Text.Encoding.UTF8.GetString(file).ShouldNotContain(Secret);
    }

    [Fact]
    public async Task Test_message_goes_straight_to_the_webhook_and_reports_the_outcome()
    {
        var channel = await CreateChannelAsync(MessengerKind.GenericJson);

        var ok = await WithServiceAsync(s => s.SendTestAsync(channel.Id));
        ok.Ok.ShouldBeTrue();
        ok.Message.ShouldContain("Vertrieb");
        using (var json = JsonDocument.Parse(_listener.Requests.ShouldHaveSingleItem().Body))
            json.RootElement.GetProperty("title").GetString().ShouldBe("Testnachricht von Joules");

        _listener.Answers.Enqueue(403);
        var refused = await WithServiceAsync(s => s.SendTestAsync(channel.Id));
        refused.Ok.ShouldBeFalse();
        refused.Message.ShouldContain("HTTP 403");
        refused.Message.ShouldNotContain(Secret);

        await using var db = _database.Context(new SystemUser());
        (await db.OutboxMessages.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Update_with_empty_url_keeps_the_stored_one()
    {
        var channel = await CreateChannelAsync(MessengerKind.Slack);
        await WithServiceAsync(s => s.UpdateAsync(channel.Id, new MessengerChannelInput { Name = "Service", Kind = MessengerKind.Mattermost, Url = "" }));
        await QueueAsync(channel.Id);

        await NewSender().SendPendingAsync();

        var request = _listener.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe($"/hooks/{Secret}");
        request.Body.ShouldContain("####");
        (await WithServiceAsync(s => s.ListAsync(_brandId))).ShouldHaveSingleItem().Name.ShouldBe("Service");
    }

    [Theory]
    [InlineData("", "https://hooks.slack.com/services/x", "Name", "Name: bitte einen Namen")]
    [InlineData("Vertrieb", "", "Url", "Webhook-URL: bitte die URL")]
    [InlineData("Vertrieb", "hooks.slack.com/services/x", "Url", "vollständige Adresse")]
    [InlineData("Vertrieb", "ftp://hooks.example.com/x", "Url", "vollständige Adresse")]
    [InlineData("Vertrieb", "http://hooks.slack.com/services/x", "Url", "https:// nötig")]
    public async Task Invalid_input_is_refused_with_a_message_naming_the_field(string name, string url, string field, string text)
    {
        var error = await Should.ThrowAsync<DomainException>(() =>
            WithServiceAsync(s => s.CreateAsync(_brandId, new MessengerChannelInput { Name = name, Kind = MessengerKind.Slack, Url = url })));
        error.Field.ShouldBe(field);
        error.Message.ShouldContain(text);
    }

    [Fact]
    public async Task Name_must_be_unique_per_brand()
    {
        await CreateChannelAsync(MessengerKind.Slack, name: "Vertrieb");
        var error = await Should.ThrowAsync<DomainException>(() => CreateChannelAsync(MessengerKind.Teams, name: "vertrieb"));
        error.Field.ShouldBe("Name");
        error.Message.ShouldContain("gibt es für diese Marke schon");

        var other = await _database.AddBrandAsync("OTH", "Andere Energie");
        await WithServiceAsync(s => s.CreateAsync(other.Id, new MessengerChannelInput { Name = "Vertrieb", Kind = MessengerKind.Slack, Url = HookUrl }));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8065/hooks/x", true)]
    [InlineData("http://localhost/hooks/x", true)]
    [InlineData("http://192.168.10.5/hooks/x", true)]
    [InlineData("http://10.1.2.3/hooks/x", true)]
    [InlineData("http://172.20.0.4/hooks/x", true)]
    [InlineData("http://[::1]:8080/hooks/x", true)]
    [InlineData("http://mattermost/hooks/x", true)]
    [InlineData("http://172.32.0.1/hooks/x", false)]
    [InlineData("http://8.8.8.8/hooks/x", false)]
    [InlineData("http://chat.example.com/hooks/x", false)]
    public void Plain_http_is_allowed_only_for_local_and_private_hosts(string url, bool allowed) =>
        MessengerChannelService.IsLocalOrPrivate(new Uri(url)).ShouldBe(allowed);
}
