using System.Net;
using System.Text;
using Joules.Core.Data;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Host.Plugins;
using Joules.Host.Tests.Infrastructure;
using Joules.Simulators;
using Joules.Simulators.Sms;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Plugins;

/// <summary>The shipped SMS plugin in a real host on Kestrel, talking over real HTTP to the SMS gateway simulator started
/// here: the outbox hands SMS to the plugin, the plugin posts them in the documented JSON, the simulator's signed
/// delivery reports come back to the plugin's callback endpoint.</summary>
public class SmsPluginTests : IClassFixture<SmsPluginTests.Host>
{
    public const string PluginId = "joules.sms";
    private const string ApiKey = "sws-test-key-4711";
    private const string SenderId = "Sonnental";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    public sealed class Host : PluginHost
    {
        public Host() : base(developmentLicence: true)
        {
            var source = TestPlugins.Shipped(PluginId);
            var staging = Path.Combine(PluginsFolder, ".incoming", Guid.NewGuid().ToString("N"));
            TestPlugins.CopyFolder(source, staging);
            Directory.Move(staging, Path.Combine(PluginsFolder, PluginId));
            // The simulator posts delivery reports over real HTTP, so the host listens on a real port.
            UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            Simulator = SimulatorServer.StartAsync(new SimulatorServerOptions { Sms = { ApiKeys = [ApiKey] } }).GetAwaiter().GetResult();
        }

        public SimulatorServer Simulator { get; }

        public Uri Address
        {
            get
            {
                StartServer();
                var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                return new Uri(address.TrimEnd('/') + "/");
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Simulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            base.Dispose(disposing);
        }
    }

    private readonly Host _app;

    public SmsPluginTests(Host app) => _app = app;

    [Fact]
    public async Task Queued_sms_reaches_the_gateway_in_E164_and_is_marked_delivered_by_the_signed_report()
    {
        var brandId = await ConfiguredBrandAsync();

        var id = await QueueSmsAsync(brandId, "0171 / 234 56-78", "Ihr Vertrag ist bestätigt.");

        var sms = await WaitForSimulatorAsync(id);
        sms.To.ShouldBe("+491712345678");
        sms.From.ShouldBe(SenderId);
        sms.Text.ShouldBe("Ihr Vertrag ist bestätigt.");
        sms.CallbackUrl.ShouldNotBeNull().ShouldContain("/plugins/joules.sms/delivery-reports");

        // The outbox stores the gateway's id right after marking the message sent.
        var sent = await WaitForMessageAsync(id, m => m.Status == OutboxStatus.Sent && m.ProviderMessageId is not null);
        sent.ProviderMessageId.ShouldBe(sms.Id);
        var delivered = await WaitForMessageAsync(id, m => m.DeliveryState == DeliveryState.Delivered);
        delivered.DeliveryDetail.ShouldNotBeNullOrWhiteSpace();
        delivered.DeliveryReportedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Forged_delivery_report_signature_is_refused_and_changes_nothing()
    {
        var brandId = await ConfiguredBrandAsync();
        var id = await QueueSmsAsync(brandId, "+49 171 2345679", "Zählerstand bitte melden");
        var delivered = await WaitForMessageAsync(id, m => m.DeliveryState == DeliveryState.Delivered);

        var body = $$"""{"id":"{{delivered.ProviderMessageId}}","status":"undeliverable","detail":"forged","at":"{{DateTimeOffset.UtcNow.AddMinutes(5):O}}"}""";
        using var http = new HttpClient();
        var url = new Uri(_app.Address, $"plugins/joules.sms/delivery-reports?brand={brandId:N}");
        (await PostReportAsync(http, url, body, SmsGatewaySimulator.Sign(Encoding.UTF8.GetBytes(body), "not-the-key"))).ShouldBe(HttpStatusCode.Unauthorized);
        (await PostReportAsync(http, url, body, signature: null)).ShouldBe(HttpStatusCode.Unauthorized);

        var after = await MessageAsync(id);
        after.DeliveryState.ShouldBe(DeliveryState.Delivered);
        after.DeliveryDetail.ShouldNotBe("forged");
    }

    [Fact]
    public async Task Report_arriving_before_the_id_is_known_is_parked_and_applied_with_the_next_report()
    {
        var brandId = await ConfiguredBrandAsync();
        using var http = new HttpClient();
        var url = new Uri(_app.Address, $"plugins/joules.sms/delivery-reports?brand={brandId:N}");
        var early = $$"""{"id":"early-{{Guid.NewGuid():N}}","status":"delivered","detail":"early bird","at":"{{DateTimeOffset.UtcNow:O}}"}""";
        var providerId = System.Text.Json.JsonDocument.Parse(early).RootElement.GetProperty("id").GetString()!;
        (await PostReportAsync(http, url, early, SmsGatewaySimulator.Sign(Encoding.UTF8.GetBytes(early), ApiKey))).ShouldBe(HttpStatusCode.Accepted);

        // The outbox stores the gateway's id only now (here: set directly on a message the outbox does not send).
        var id = Guid.Empty;
        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            var queued = await db.QueueMessageAsync(MessageChannel.Sms, brandId, $"sms-test:{Guid.NewGuid():N}", "+491712345682", "", "x");
            queued.Message.ProviderMessageId = providerId;
            queued.Message.Status = OutboxStatus.Failed;   // not picked up by the outbox
            await db.SaveChangesAsync();
            id = queued.Message.Id;
        });

        var next = $$"""{"id":"unknown-{{Guid.NewGuid():N}}","status":"delivered","detail":"x","at":"{{DateTimeOffset.UtcNow:O}}"}""";
        (await PostReportAsync(http, url, next, SmsGatewaySimulator.Sign(Encoding.UTF8.GetBytes(next), ApiKey))).ShouldBe(HttpStatusCode.Accepted);

        var applied = await MessageAsync(id);
        applied.DeliveryState.ShouldBe(DeliveryState.Delivered);
        applied.DeliveryDetail.ShouldBe("early bird");
    }

    [Fact]
    public async Task Number_ending_0999_is_handed_over_and_reported_undeliverable()
    {
        var brandId = await ConfiguredBrandAsync();
        var id = await QueueSmsAsync(brandId, "+43 664 1230999", "Test");

        var message = await WaitForMessageAsync(id, m => m.DeliveryState == DeliveryState.Undeliverable);
        message.Status.ShouldBe(OutboxStatus.Sent);
        message.ProviderMessageId.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Number_ending_0000_fails_permanently_with_the_gateways_reason()
    {
        var brandId = await ConfiguredBrandAsync();
        var id = await QueueSmsAsync(brandId, "+49 171 2340000", "Test");

        var message = await WaitForMessageAsync(id, m => m.Status == OutboxStatus.Failed);
        message.LastError.ShouldNotBeNull().ShouldContain("unknown number");
        message.LastError.ShouldContain("abgelehnt");
        message.Attempts.ShouldBe(1);
        message.ProviderMessageId.ShouldBeNull();
    }

    [Fact]
    public async Task Number_ending_0500_stays_queued_and_is_retried()
    {
        var brandId = await ConfiguredBrandAsync();
        var id = await QueueSmsAsync(brandId, "+49 171 2340500", "Test");

        var first = await WaitForMessageAsync(id, m => m.Attempts == 1 && m.Status == OutboxStatus.Queued);
        first.LastError.ShouldNotBeNull().ShouldContain("500");
        first.NextAttemptAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow);

        await _app.WithScopeAsync(s => s.GetRequiredService<IOutboxAdministration>().RetryNowAsync(id));
        var second = await WaitForMessageAsync(id, m => m.Attempts == 2);
        second.Status.ShouldBe(OutboxStatus.Queued);
        _app.Simulator.Sms.Messages.Count(m => m.Reference == id.ToString()).ShouldBe(2);
    }

    [Fact]
    public async Task Gateway_refusing_the_api_key_fails_the_message_permanently()
    {
        var brandId = await ConfiguredBrandAsync("ALP", "a-key-the-gateway-does-not-know", "AT");
        var id = await QueueSmsAsync(brandId, "0664 1234567", "Test");

        var message = await WaitForMessageAsync(id, m => m.Status == OutboxStatus.Failed);
        message.LastError.ShouldNotBeNull().ShouldContain("API-Schlüssel abgelehnt (401)");
        message.LastError.ShouldNotContain("a-key-the-gateway-does-not-know");
        message.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task Gateway_answering_too_late_is_a_timeout_and_the_message_stays_queued()
    {
        var brandId = await ConfiguredBrandAsync();
        var id = await QueueSmsAsync(brandId, "+49 171 2340408", "Test");

        var message = await WaitForMessageAsync(id, m => m.Attempts == 1);
        message.Status.ShouldBe(OutboxStatus.Queued);
        message.LastError.ShouldNotBeNull().ShouldContain("nicht rechtzeitig geantwortet");
    }

    [Fact]
    public async Task Invalid_number_fails_permanently_with_the_German_reason_and_nothing_is_posted()
    {
        var brandId = await ConfiguredBrandAsync();
        var id = await QueueSmsAsync(brandId, "0171 ABC 12345", "Test");

        var message = await WaitForMessageAsync(id, m => m.Status == OutboxStatus.Failed);
        message.LastError.ShouldNotBeNull().ShouldContain("ist keine Telefonnummer");
        message.LastError.ShouldContain("„A“");
        _app.Simulator.Sms.Messages.ShouldNotContain(m => m.Reference == id.ToString());
    }

    private Task<Guid> ConfiguredBrandAsync() => ConfiguredBrandAsync("SWS", ApiKey, "DE");

    private async Task<Guid> ConfiguredBrandAsync(string brandCode, string apiKey, string country)
    {
        _ = _app.Address;
        (await PluginHost.WaitUntilAsync(() => _app.Registry.Find(PluginId)?.State == PluginState.Active, Within))
            .ShouldBeTrue($"plugin not active: {_app.Registry.Find(PluginId)?.State} {_app.Registry.Find(PluginId)?.Fault}");
        var brandId = Guid.Empty;
        await _app.WithScopeAsync(async s => brandId = await s.GetRequiredService<JoulesDbContext>().Brands.Where(b => b.Code == brandCode).Select(b => b.Id).SingleAsync());

        await using var connection = Open();
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM joules_sms_Gateways WHERE BrandId = $brand";
        exists.Parameters.AddWithValue("$brand", brandId.ToString().ToUpperInvariant());
        if ((long)(await exists.ExecuteScalarAsync())! > 0) return brandId;

        // As the settings page stores it: the API key encrypted with the host's Data Protection keys.
        var cipher = _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Joules.Plugins.Sms.ApiKey").Protect(apiKey);
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO joules_sms_Gateways (Id, BrandId, Enabled, Url, ProtectedApiKey, SenderId, DefaultCountry, CallbackBaseUrl, UpdatedAt)
            VALUES ($id, $brand, 1, $url, $key, $sender, $country, NULL, $at)
            """;
        insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString().ToUpperInvariant());
        insert.Parameters.AddWithValue("$brand", brandId.ToString().ToUpperInvariant());
        insert.Parameters.AddWithValue("$url", _app.Simulator.SmsGatewayUrl.ToString());
        insert.Parameters.AddWithValue("$key", cipher);
        insert.Parameters.AddWithValue("$sender", SenderId);
        insert.Parameters.AddWithValue("$country", country);
        insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.UtcTicks);
        (await insert.ExecuteNonQueryAsync()).ShouldBe(1);
        return brandId;
    }

    private async Task<Guid> QueueSmsAsync(Guid brandId, string to, string text)
    {
        var id = Guid.Empty;
        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            id = (await db.QueueMessageAsync(MessageChannel.Sms, brandId, $"sms-test:{Guid.NewGuid():N}", to, "", text, source: "test")).Message.Id;
            await db.SaveChangesAsync();
        });
        return id;
    }

    private async Task<SimulatedSms> WaitForSimulatorAsync(Guid outboxId)
    {
        SimulatedSms? found = null;
        await PluginHost.WaitUntilAsync(() => (found = _app.Simulator.Sms.Messages.FirstOrDefault(m => m.Reference == outboxId.ToString())) is not null, Within);
        return found.ShouldNotBeNull($"the simulator received nothing for {outboxId}: {(await MessageAsync(outboxId)).LastError}");
    }

    private async Task<OutboxMessage> WaitForMessageAsync(Guid id, Func<OutboxMessage, bool> condition)
    {
        OutboxMessage? last = null;
        var ok = await PluginHost.WaitUntilAsync(async () => condition(last = await MessageAsync(id)), Within);
        ok.ShouldBeTrue($"message {id} is {last?.Status}/{last?.DeliveryState}, attempts {last?.Attempts}, error: {last?.LastError}");
        return last!;
    }

    private async Task<OutboxMessage> MessageAsync(Guid id)
    {
        OutboxMessage? message = null;
        await _app.WithScopeAsync(async s => message = await s.GetRequiredService<JoulesDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
        return message!;
    }

    private static async Task<HttpStatusCode> PostReportAsync(HttpClient http, Uri url, string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add("X-Signature", signature);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataFolder, "joules.db")};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }
}

/// <summary>A host without the SMS plugin: SMS wait in the outbox while mail goes out.</summary>
public class SmsWithoutPluginTests : IClassFixture<SmsWithoutPluginTests.Host>
{
    public sealed class Host : PluginHost;

    private readonly Host _app;

    public SmsWithoutPluginTests(Host app) => _app = app;

    [Fact]
    public async Task Without_the_plugin_running_sms_wait_queued()
    {
        Guid smsId = Guid.Empty, mailId = Guid.Empty;
        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            var brandId = await db.Brands.Select(b => b.Id).FirstAsync();
            smsId = (await db.QueueMessageAsync(MessageChannel.Sms, brandId, $"sms:{Guid.NewGuid():N}", "+491712345678", "", "Wartet")).Message.Id;
            mailId = (await db.QueueMailAsync(brandId, $"mail:{Guid.NewGuid():N}", "kunde@example.de", "Geht raus", null, "Text")).Message.Id;
            await db.SaveChangesAsync();
        });

        // The outbox ran (the mail went out), and the SMS was not attempted.
        (await PluginHost.WaitUntilAsync(async () => (await StatusAsync(mailId)).Status == OutboxStatus.Sent, TimeSpan.FromSeconds(20)))
            .ShouldBeTrue("the outbox did not send the mail");
        // The sender claims the SMS with the mail and hands it back untried (Sending for a moment): wait for that.
        (await PluginHost.WaitUntilAsync(async () => (await StatusAsync(smsId)).Status == OutboxStatus.Queued, TimeSpan.FromSeconds(10)))
            .ShouldBeTrue("the SMS did not return to the queue");
        var sms = await StatusAsync(smsId);
        sms.Attempts.ShouldBe(0);
        if (sms.LastError is not null) sms.LastError.ShouldContain("Sms");   // "no sender for channel Sms", not a delivery error
    }

    private async Task<OutboxMessage> StatusAsync(Guid id)
    {
        OutboxMessage? message = null;
        await _app.WithScopeAsync(async s => message = await s.GetRequiredService<JoulesDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
        return message!;
    }
}

/// <summary>A host running its own simulators (as the demo does): a brand without gateway settings sends through the
/// host's SMS gateway simulator, and the SMS page says so.</summary>
public class SmsSimulatorFallbackTests : IClassFixture<SmsSimulatorFallbackTests.Host>
{
    public sealed class Host : PluginHost
    {
        public Host() : base(developmentLicence: true)
        {
            Settings["Joules:Simulators:Enabled"] = "true";
            var source = TestPlugins.Shipped(SmsPluginTests.PluginId);
            var staging = Path.Combine(PluginsFolder, ".incoming", Guid.NewGuid().ToString("N"));
            TestPlugins.CopyFolder(source, staging);
            Directory.Move(staging, Path.Combine(PluginsFolder, SmsPluginTests.PluginId));
        }
    }

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private readonly Host _app;

    public SmsSimulatorFallbackTests(Host app) => _app = app;

    [Fact]
    public async Task Brand_without_gateway_settings_sends_through_the_hosts_simulator_and_the_page_says_so()
    {
        _ = _app.Services;
        (await PluginHost.WaitUntilAsync(() => _app.Registry.Find(SmsPluginTests.PluginId)?.State == PluginState.Active, Within))
            .ShouldBeTrue($"plugin not active: {_app.Registry.Find(SmsPluginTests.PluginId)?.Fault}");
        var simulator = _app.Services.GetRequiredService<Joules.Host.Hosting.ExternalServiceSimulators>();
        (await PluginHost.WaitUntilAsync(() => simulator.Server is not null, Within)).ShouldBeTrue("the host did not start its simulators");
        _app.Services.GetRequiredService<Joules.Core.Integration.IExternalServiceSimulators>().BaseUrl.ShouldBe(simulator.Server!.BaseUrl);

        var id = Guid.Empty;
        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            var brandId = await db.Brands.Where(b => b.Code == "SWS").Select(b => b.Id).SingleAsync();
            id = (await db.QueueMessageAsync(MessageChannel.Sms, brandId, $"sms:{Guid.NewGuid():N}", "0171 2345683", "", "Über den Simulator")).Message.Id;
            await db.SaveChangesAsync();
        });
        OutboxMessage? message = null;
        (await PluginHost.WaitUntilAsync(async () =>
        {
            await _app.WithScopeAsync(async s => message = await s.GetRequiredService<JoulesDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
            return message!.Status == OutboxStatus.Sent && message.ProviderMessageId is not null;
        }, Within)).ShouldBeTrue($"not sent: {message?.Status} {message?.LastError}");
        var sms = simulator.Server.Sms.Messages.Single(m => m.Reference == id.ToString());
        sms.To.ShouldBe("+491712345683");
        sms.From.ShouldBe("Joules");
        message!.ProviderMessageId.ShouldBe(sms.Id);

        var admin = await SignedInClient.CreateAsync(_app);
        var html = await admin.GetStringAsync("/sms");
        html.ShouldContain("Gateway-Simulator");
        html.ShouldContain("href=\"sms\"");
    }
}
