using Joules.Core.Data.Providers;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Mail;
using Joules.Core.Plugins.Data;
using Joules.Plugins.Newsletter;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Sending;
using Joules.Plugins.Newsletter.Sending.Composition;
using Joules.Plugins.Newsletter.Sending.Pipeline;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Bench;

/// <summary>The newsletter pipeline: 100,000 confirmed subscribers in SQLite (WAL, as the host), one campaign (HTML with
/// Liquid variables and four tracked links, text part, footer, open pixel for half the recipients), from "send now" to the
/// last mail in a local SMTP sink: key-ordered batches, per-recipient rendering with signed tokens, 4 workers with one SMTP
/// session each, group-committed delivery rows. Run against the null sink, then the development mailbox's SMTP server
/// (SmtpServer package); both sinks run in this process and share the cores with the sender.</summary>
public sealed class NewsletterSendBenchmark : IBenchmark
{
    // JOULES_BENCH_RECIPIENTS overrides the count for quicker rounds while profiling.
    private static readonly int Recipients = int.TryParse(Environment.GetEnvironmentVariable("JOULES_BENCH_RECIPIENTS"), out var n) && n > 0 ? n : 100_000;
    private const int WarmUp = 10_000;
    private static readonly Guid Brand = Guid.Parse("5d6b7c0e-0000-4000-8000-000000000001");

    public string Name => "newsletter-send";
    public string Description => $"campaign to {Recipients:N0} subscribers: send now to last mail in a local SMTP sink (null sink, then SmtpServer); target < 25 s";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var database = await BenchDatabase.CreateAsync(workFolder, ct);
        var endpoints = new SwitchableEndpoint();
        await using var services = Build(database, workFolder, endpoints);
        var factory = services.GetRequiredService<IDbContextFactory<NewsletterDb>>();
        await using (var db = await factory.CreateDbContextAsync(ct)) await db.Database.MigrateAsync(ct);

        var seed = new CpuMeter();
        var warmList = await SeedAsync(database, "Warm-up", WarmUp, 1, ct);
        var list = await SeedAsync(database, "Newsletter", Recipients, WarmUp + 1, ct);
        Console.WriteLine($"   seeded {Recipients + WarmUp:N0} subscribers in {seed.Wall.TotalSeconds:F1} s");

        await ComposeOnlyAsync(services, ct);

        await using (var nullSink = new NullSmtpSink())
        {
            endpoints.Port = nullSink.Port;
            await SendAsync(services, factory, warmList, WarmUp, () => nullSink.Received, null, ct);
            await SendAsync(services, factory, list, Recipients, () => nullSink.Received, "null sink", ct);
        }
        await using (var smtpServer = await SmtpServerSink.StartAsync(ct))
        {
            endpoints.Port = smtpServer.Port;
            await SendAsync(services, factory, warmList, WarmUp, () => smtpServer.Received, null, ct);
            await SendAsync(services, factory, list, Recipients, () => smtpServer.Received, "SmtpServer sink", ct);
        }
    }

    /// <summary>The per-recipient work without SMTP and database, on one thread: render, render + MimeKit message,
    /// render + MimeKit message + serialising it (the test mail's way), render + prepared MIME text (the pipeline's way).</summary>
    private static async Task ComposeOnlyAsync(ServiceProvider services, CancellationToken ct)
    {
        const int count = 20_000;
        var campaign = new Campaign { Id = 1, BrandId = Brand, Subject = "{{ subscriber.first_name }}, Ihr neuer Tarif", Preheader = "Jetzt wechseln", HtmlBody = Html, TextBody = Text };
        var composer = await services.GetRequiredService<ComposerFactory>().CreateAsync(campaign, ct);
        var people = Enumerable.Range(1, count).Select(i => new Subscriber
        {
            Id = i, Email = $"kunde{i}@example.test", FirstName = $"Vorname{i}", LastName = "Mustermann", City = "Sonnental", PostalCode = "12345",
            TrackingConsent = i % 2 == 0, AttributesJson = i % 4 == 0 ? "{\"tarif\":\"Öko Plus\"}" : null,
        }).ToArray();
        for (var i = 0; i < 2000; i++) composer.Compose(people[i], 0).WriteTo(Stream.Null, ct);
        var meter = new CpuMeter();
        foreach (var p in people) composer.Render(p, 0, tracked: true);
        Console.WriteLine($"   compose only: render {meter.Report(count)}");
        meter = new CpuMeter();
        foreach (var p in people) composer.Compose(p, 0);
        Console.WriteLine($"   compose only: render + MIME {meter.Report(count)}");
        meter = new CpuMeter();
        foreach (var p in people)
        {
            var message = composer.Compose(p, 0);
            message.Prepare(MimeKit.EncodingConstraint.EightBit);
            message.WriteTo(Stream.Null, ct);
        }
        Console.WriteLine($"   compose only: render + MIME + write {meter.Report(count)}");
        var sender = new MimeKit.MailboxAddress("Stadtwerke Sonnental", "newsletter@stadtwerke-sonnental.de");
        meter = new CpuMeter();
        foreach (var p in people) composer.ComposePrepared(p, 0, sender);
        Console.WriteLine($"   compose only: render + prepared MIME text (what the pipeline sends) {meter.Report(count)}");
    }

    private static async Task SendAsync(ServiceProvider services, IDbContextFactory<NewsletterDb> factory, long listId, int expected,
        Func<int> received, string? label, CancellationToken ct)
    {
        long campaignId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var campaign = new Campaign
            {
                BrandId = Brand, Name = "Bench " + label, Subject = "{{ subscriber.first_name }}, Ihr neuer Tarif von {{ brand.name }}",
                Preheader = "Jetzt wechseln und sparen", HtmlBody = Html, TextBody = Text, Lists = [new CampaignList { ListId = listId }], CreatedBy = "bench",
            };
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(ct);
            campaignId = campaign.Id;
        }
        var before = received();
        var meter = new CpuMeter();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ICampaignCommands>().SendNowAsync(campaignId, ct);
        var dispatcher = services.GetRequiredService<CampaignDispatcher>();
        await dispatcher.WhenIdleAsync(campaignId);
        while (received() - before < expected && meter.Wall < TimeSpan.FromMinutes(5)) await Task.Delay(1, ct);
        var wall = meter.Wall;
        var delivered = received() - before;
        if (label is null) return;
        await using var check = await factory.CreateDbContextAsync(ct);
        var stored = await check.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        var rows = await check.Deliveries.CountAsync(d => d.CampaignId == campaignId, ct);
        Console.WriteLine($"   {label}: {delivered:N0} mails in {wall.TotalSeconds:F2} s = {delivered / wall.TotalSeconds:N0} mails/s (target < 25 s, >= 4,000/s); "
            + $"{meter.Report(delivered)}; campaign {stored.Status}, {stored.SentCount:N0} sent, {rows:N0} delivery rows");
    }

    /// <summary>Subscribers with ids from <paramref name="firstId"/>, confirmed on a new list (raw inserts in one transaction).</summary>
    private static async Task<long> SeedAsync(DatabaseOptions database, string name, int count, long firstId, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var now = DateTimeOffset.UtcNow.UtcTicks;
        await using var list = connection.CreateCommand();
        list.CommandText = "INSERT INTO joules_newsletter_Lists (BrandId, Name, LegalBasis, Public, ConsentText, ConsentTextVersion, Archived, CreatedAt) "
            + "VALUES ($b, $n, 0, 1, 'Ja', 1, 0, $t) RETURNING Id";
        list.Parameters.AddWithValue("$b", Brand);
        list.Parameters.AddWithValue("$n", name);
        list.Parameters.AddWithValue("$t", now);
        var listId = (long)(await list.ExecuteScalarAsync(ct))!;

        await using var subscriber = connection.CreateCommand();
        subscriber.CommandText = "INSERT INTO joules_newsletter_Subscribers (Id, BrandId, Email, FirstName, LastName, PostalCode, City, Language, Source, "
            + "TrackingConsent, AttributesJson, CreatedAt) VALUES ($id, $b, $e, $f, 'Mustermann', '12345', 'Sonnental', 'de', 1, $c, $a, $t)";
        var id = subscriber.Parameters.Add("$id", SqliteType.Integer);
        subscriber.Parameters.AddWithValue("$b", Brand);
        var email = subscriber.Parameters.Add("$e", SqliteType.Text);
        var first = subscriber.Parameters.Add("$f", SqliteType.Text);
        var consent = subscriber.Parameters.Add("$c", SqliteType.Integer);
        var attributes = subscriber.Parameters.Add("$a", SqliteType.Text);
        subscriber.Parameters.AddWithValue("$t", now);
        await using var subscription = connection.CreateCommand();
        subscription.CommandText = "INSERT INTO joules_newsletter_Subscriptions (BrandId, SubscriberId, ListId, Status, LegalBasis, Source, ConsentGivenAt, "
            + "ObjectionNoticeGiven) VALUES ($b, $s, $l, 1, 0, 'bench', $t, 0)";
        subscription.Parameters.AddWithValue("$b", Brand);
        var subscriberId = subscription.Parameters.Add("$s", SqliteType.Integer);
        subscription.Parameters.AddWithValue("$l", listId);
        subscription.Parameters.AddWithValue("$t", now);
        for (var i = 0; i < count; i++)
        {
            var key = firstId + i;
            id.Value = key;
            email.Value = $"kunde{key}@example.test";
            first.Value = $"Vorname{key}";
            consent.Value = key % 2;
            attributes.Value = i % 4 == 0 ? "{\"tarif\":\"Öko Plus\"}" : DBNull.Value;
            await subscriber.ExecuteNonQueryAsync(ct);
            subscriberId.Value = key;
            await subscription.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return listId;
    }

    private static ServiceProvider Build(DatabaseOptions database, string workFolder, SwitchableEndpoint endpoints)
    {
        var services = new ServiceCollection();
        // The dispatcher logs each run's time per stage (reading, composing, sending, recording).
        services.AddLogging(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Joules.Plugins.Newsletter.Sending", LogLevel.Information));
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(workFolder, "keys")));
        services.AddSingleton(database);
        services.AddDbContextFactory<NewsletterDb>(o => PluginDatabase.Configure(o, database, NewsletterPlugin.Id, () => null, () => true));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Plugins:{NewsletterPlugin.Id}:PublicBaseUrl"] = "https://www.stadtwerke-sonnental.de",
        }).Build());
        services.AddSingleton<IServer, NoServer>();
        services.AddSingleton<TokenSigner>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<ISmtpEndpointSource>(endpoints);
        services.AddMailTransport();
        services.AddSingleton<IBrandDirectory>(new FixedBrand());
        services.AddSendingServices();
        return services.BuildServiceProvider();
    }

    private const string Html = """
        <!DOCTYPE html>
        <html lang="de"><head><meta charset="utf-8"><title>Newsletter</title>
        <style>body{font-family:Arial,sans-serif;color:#222} .btn{background:#1E6B52;color:#fff;padding:12px 20px;text-decoration:none}</style></head>
        <body>
        <table width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
        <table width="600" cellpadding="16" cellspacing="0">
        <tr><td><img src="https://www.stadtwerke-sonnental.de/logo.png" alt="{{ brand.name }}" width="180"></td></tr>
        <tr><td><h1>Hallo {{ subscriber.first_name }} {{ subscriber.last_name }},</h1>
        <p>der Herbst ist da – und mit ihm unser neuer Ökostromtarif für {{ subscriber.city }} ({{ subscriber.postal_code }}).
        Garantiert 100 % Strom aus Wasserkraft, 12 Monate Preisgarantie und keine Grundgebühr im ersten Jahr.</p>
        {% if subscriber.tarif %}<p>Sie beziehen bereits <strong>{{ subscriber.tarif }}</strong> – danke für Ihre Treue!</p>{% endif %}
        <p><a class="btn" href="https://www.stadtwerke-sonnental.de/tarife/oeko-plus?utm_source=newsletter&amp;utm_campaign=herbst">Jetzt Tarif ansehen</a></p>
        <p>Außerdem: <a href="https://www.stadtwerke-sonnental.de/energiespartipps">10 Energiespartipps für den Winter</a> und unser
        <a href="https://www.stadtwerke-sonnental.de/kundenportal">Kundenportal</a> mit Zählerstand-Erfassung.</p>
        <p>Fragen? <a href="https://www.stadtwerke-sonnental.de/kontakt">Schreiben Sie uns</a> oder rufen Sie an: 0800 123 456.</p>
        <p>Herzliche Grüße<br>Ihr Team von {{ brand.name }}</p></td></tr>
        </table></td></tr></table>
        </body></html>
        """;

    private const string Text = """
        Hallo {{ subscriber.first_name }} {{ subscriber.last_name }},

        der Herbst ist da – und mit ihm unser neuer Ökostromtarif für {{ subscriber.city }}.
        Jetzt Tarif ansehen: https://www.stadtwerke-sonnental.de/tarife/oeko-plus

        Herzliche Grüße
        Ihr Team von {{ brand.name }}
        """;

    private sealed class SwitchableEndpoint : ISmtpEndpointSource
    {
        public int Port { get; set; }
        public ValueTask<SmtpEndpoint?> ResolveAsync(Guid? brandId, CancellationToken ct = default) =>
            ValueTask.FromResult<SmtpEndpoint?>(new SmtpEndpoint("127.0.0.1", Port, SmtpTlsMode.None, null, null, "newsletter@stadtwerke-sonnental.de", "Stadtwerke Sonnental", 4));
        public void Invalidate(Guid brandId) { }
    }

    private sealed class FixedBrand : IBrandDirectory
    {
        public Task<BrandInfo> GetAsync(Guid brandId, CancellationToken ct = default) => Task.FromResult(new BrandInfo(brandId, "Stadtwerke Sonnental", "SWS"));
    }

    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();
        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public void Dispose() { }
    }
}
