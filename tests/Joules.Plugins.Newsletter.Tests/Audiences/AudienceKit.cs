using Joules.Core.Messaging;
using Joules.Core.Tenancy;
using Joules.Plugins.Newsletter.Audiences;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Joules.Plugins.Newsletter.Tests.Audiences;

/// <summary>The audience services on a real migrated SQLite file, with a clock that tests move and a mail transport that
/// keeps the messages (the SMTP path itself is covered by the host test).</summary>
public sealed class AudienceKit : IAsyncDisposable
{
    public static readonly Guid Brand = Guid.Parse("0aa00000-0000-0000-0000-000000000001");
    public const string BaseUrl = "https://news.example.test";

    private AudienceKit(NewsletterTestDatabase store, TokenSigner signer)
    {
        Store = store;
        Signer = signer;
        var localizers = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Plugins:{NewsletterPlugin.Id}:PublicBaseUrl"] = BaseUrl,
        }).Build();
        var baseUrl = new PublicBaseUrl(store.Services.GetRequiredService<IServiceScopeFactory>(), configuration, null!);
        Mailer = new ConfirmationMailer(Mail, baseUrl, new StringLocalizer<ConfirmationMailer>(localizers));
        Public = new PublicSubscriptions(store.Contexts, signer, Mailer, new StringLocalizer<PublicSubscriptions>(localizers),
            NullLogger<PublicSubscriptions>.Instance, Clock);
        Import = new SubscriberImport(store.Contexts, Public, Audit, new StringLocalizer<SubscriberImport>(localizers), Clock);
        Subscribers = new SubscriberService(store.Contexts, Public, Audit, new SystemUser("tester"), new StringLocalizer<SubscriberService>(localizers));
        Suppressions = new SuppressionService(store.Contexts, Audit, new StringLocalizer<SuppressionService>(localizers));
    }

    public NewsletterTestDatabase Store { get; }
    public TokenSigner Signer { get; }
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    public CapturingTransport Mail { get; } = new();
    public RecordingAudit Audit { get; } = new();
    public ConfirmationMailer Mailer { get; }
    public PublicSubscriptions Public { get; }
    public SubscriberImport Import { get; }
    public SubscriberService Subscribers { get; }
    public SuppressionService Suppressions { get; }

    public static async Task<AudienceKit> CreateAsync()
    {
        var store = await NewsletterTestDatabase.CreateAsync();
        return new AudienceKit(store, await store.SignerAsync());
    }

    public NewsletterDb Db() => Store.Contexts.CreateDbContext();

    public async Task<MailingList> ListAsync(string name = "Kundennewsletter", ListLegalBasis basis = ListLegalBasis.Consent, bool isPublic = true)
    {
        await using var db = Db();
        var list = new MailingList { BrandId = Brand, Name = name, LegalBasis = basis, Public = isPublic, ConsentText = $"Ja, ich möchte {name} erhalten.", ConsentTextVersion = 3 };
        db.Lists.Add(list);
        await db.SaveChangesAsync();
        return list;
    }

    public SubscribeRequest Request(string email, params long[] lists) =>
        new(Brand, "Stadtwerke Sonnental", email, "Erika", "Muster", lists, false, "203.0.113.7", "Mozilla/5.0 (Test)", "form:anmelden");

    /// <summary>The token of the confirmation link in the last mail.</summary>
    public string LastConfirmToken()
    {
        var text = Mail.Sent.Last().TextBody ?? "";
        var start = text.IndexOf("/newsletter/bestaetigen/", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, "no confirmation link in the mail");
        return text.Substring(start + "/newsletter/bestaetigen/".Length, 35);
    }

    public async ValueTask DisposeAsync() => await Store.DisposeAsync();
}

public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}

public sealed class CapturingTransport : IMailTransport
{
    public List<MimeMessage> Sent { get; } = [];

    public Task SendAsync(MimeMessage message, Guid? brandId, CancellationToken ct = default)
    {
        lock (Sent) Sent.Add(message);
        return Task.CompletedTask;
    }
}

public sealed class RecordingAudit : IAudienceAudit
{
    public List<string> Actions { get; } = [];

    public Task WriteAsync(string action, string entityType, string? entityId, string? details = null, CancellationToken ct = default)
    {
        Actions.Add(action);
        return Task.CompletedTask;
    }
}
