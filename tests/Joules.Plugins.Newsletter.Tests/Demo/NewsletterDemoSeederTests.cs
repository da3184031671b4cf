using Joules.Core.Data.Providers;
using Joules.Core.Tests.Infrastructure;
using Joules.Plugins.Newsletter.Demo;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Tests.Demo;

/// <summary>The demo load (bulk inserts, roll-ups) on every provider the tests can start (subclasses below).</summary>
public abstract class NewsletterDemoSeederTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private readonly DemoBrand _brand = new(Guid.NewGuid(), "Stadtwerke Sonnental");
    private NewsletterTestDatabase _database = null!;

    /// <summary>The database of one test (null: a new SQLite file).</summary>
    protected abstract Task<DatabaseOptions?> DatabaseAsync();

    public async Task InitializeAsync() => _database = await NewsletterTestDatabase.CreateAsync(await DatabaseAsync());

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static List<DemoCustomer> Customers(int count) => Enumerable.Range(1, count).Select(i => new DemoCustomer(Guid.NewGuid(), "Kunde", $"Nummer{i}",
        $"kunde{i}@example.com", "79098", "Freiburg im Breisgau", Now.AddMonths(-12), "Ich möchte Angebote und Neuigkeiten per E-Mail erhalten.", i % 3 == 0)).ToList();

    private async Task<Dictionary<string, long>> CountsAsync()
    {
        await using var db = await _database.Contexts.CreateDbContextAsync();
        return new Dictionary<string, long>
        {
            ["lists"] = await db.Lists.CountAsync(),
            ["subscribers"] = await db.Subscribers.CountAsync(),
            ["subscriptions"] = await db.Subscriptions.CountAsync(),
            ["campaigns"] = await db.Campaigns.CountAsync(),
            ["campaignLists"] = await db.CampaignLists.CountAsync(),
            ["links"] = await db.CampaignLinks.CountAsync(),
            ["deliveries"] = await db.Deliveries.CountAsync(),
            ["bounces"] = await db.Bounces.CountAsync(),
            ["suppressions"] = await db.Suppressions.CountAsync(),
            ["stats"] = await db.DailyStats.SumAsync(s => s.Value),
        };
    }

    [Fact]
    public async Task Creates_lists_campaigns_deliveries_and_subscription_stats_once()
    {
        var seeder = new NewsletterDemoSeeder(_database.Contexts);
        var hits = new List<TrackingHit>();
        var summary = await seeder.SeedAsync(_brand, Customers(300), (h, _) => { hits.AddRange(h); return Task.CompletedTask; }, Now);

        summary.ShouldNotBeNull();
        summary.Subscribers.ShouldBe(NewsletterDemoSeeder.TargetSubscribers);
        var first = await CountsAsync();
        first["lists"].ShouldBe(2);
        first["campaigns"].ShouldBe(2);
        first["subscribers"].ShouldBe(NewsletterDemoSeeder.TargetSubscribers);

        await using (var db = await _database.Contexts.CreateDbContextAsync())
        {
            (await db.Lists.Select(l => l.Name).OrderBy(n => n).ToListAsync()).ShouldBe(["Energiespartipps", "Newsletter"]);
            var newsletter = await db.Lists.SingleAsync(l => l.Name == "Newsletter");
            newsletter.Public.ShouldBeTrue();
            newsletter.LegalBasis.ShouldBe(ListLegalBasis.Consent);
            newsletter.ConsentText.ShouldContain("jederzeit");
            (await db.Settings.SingleAsync()).FooterImprint.ShouldNotBeNullOrWhiteSpace();
            (await db.Subscribers.CountAsync(s => s.Source == SubscriberSource.Customer)).ShouldBe(300);

            // Every subscription has its proof; the history spans the last nine months.
            var subscriptions = await db.Subscriptions.ToListAsync();
            subscriptions.ShouldAllBe(s => s.ConsentText != null && s.ConsentGivenAt >= Now.AddMonths(-9) && s.ConsentGivenAt < Now);
            subscriptions.Where(s => s.Source.StartsWith("form")).ShouldAllBe(s => s.ConsentIp != null && s.ConsentUserAgent != null);
            subscriptions.Count(s => s.Status == SubscriptionStatus.Unsubscribed).ShouldBeGreaterThan(0);
            subscriptions.Min(s => s.ConsentGivenAt).ShouldBeLessThan(Now.AddMonths(-8));

            // The subscription roll-ups agree with the subscription rows.
            var subscribed = await db.DailyStats.Where(s => s.Metric == StatMetric.Subscribed).SumAsync(s => s.Value);
            subscribed.ShouldBe(subscriptions.Count(s => s.ConfirmedAt != null));
            var unsubscribed = await db.DailyStats.Where(s => s.Metric == StatMetric.Unsubscribed).SumAsync(s => s.Value);
            unsubscribed.ShouldBe(subscriptions.Count(s => s.Status == SubscriptionStatus.Unsubscribed));

            // Both campaigns are sent, with a delivery for every recipient, numbered links and the Sent roll-up.
            var campaigns = await db.Campaigns.OrderBy(c => c.StartedAt).ToListAsync();
            campaigns.Select(c => c.Name).ShouldBe(["Frühlings-Spartipps", "Jetzt Wärmepumpentarif sichern"]);
            campaigns.ShouldAllBe(c => c.Status == CampaignStatus.Sent);
            campaigns[0].StartedAt!.Value.ShouldBeInRange(Now.AddMonths(-8).AddDays(-3), Now.AddMonths(-7).AddDays(-20));
            campaigns[1].StartedAt!.Value.ShouldBeInRange(Now.AddDays(-23), Now.AddDays(-19));
            foreach (var c in campaigns)
            {
                var deliveries = await db.Deliveries.CountAsync(d => d.CampaignId == c.Id);
                deliveries.ShouldBeGreaterThan(100);
                c.SentCount.ShouldBe(deliveries);
                (await db.DailyStats.Where(s => s.CampaignId == c.Id && s.Metric == StatMetric.Sent).SumAsync(s => s.Value)).ShouldBe(deliveries);
                var links = await db.CampaignLinks.Where(l => l.CampaignId == c.Id).OrderBy(l => l.Index).ToListAsync();
                links.Select(l => l.Url).ShouldBe(LinkScanner.Scan(c.HtmlBody).Select(l => l.Url));
                links.Count.ShouldBeInRange(5, 7);
                links.ShouldAllBe(l => l.Variant == 0);
            }
            // Hard bounces are suppressed and recorded.
            var hard = await db.Bounces.Where(b => b.Kind == BounceKind.Hard).Select(b => b.Email).ToListAsync();
            hard.ShouldNotBeEmpty();
            (await db.Suppressions.Where(s => s.Reason == SuppressionReason.HardBounce).Select(s => s.Email).ToListAsync()).ShouldBe(hard, ignoreOrder: true);
            (await db.Bounces.CountAsync(b => b.Kind == BounceKind.Soft)).ShouldBeGreaterThan(0);

            // The tracking history: opens only from recipients with consent, anonymous clicks, machine events, the main link first.
            var consenting = (await db.Subscribers.Where(s => s.TrackingConsent).Select(s => s.Id).ToListAsync()).ToHashSet();
            hits.ShouldNotBeEmpty();
            hits.Where(h => h.Kind == TrackingKind.Open).ShouldAllBe(h => h.SubscriberId != null && consenting.Contains(h.SubscriberId.Value));
            hits.ShouldContain(h => h.Kind == TrackingKind.Click && h.SubscriberId == null && !h.Machine);
            hits.ShouldContain(h => h.Machine);
            foreach (var c in campaigns)
            {
                var mine = hits.Where(h => h.CampaignId == c.Id).ToList();
                mine.ShouldAllBe(h => h.At >= c.StartedAt && h.At < Now && h.BrandId == _brand.Id);
                var delivered = await db.Deliveries.CountAsync(d => d.CampaignId == c.Id && d.Status == DeliveryStatus.Sent);
                var uniqueOpens = mine.Where(h => h.Kind == TrackingKind.Open && !h.Machine).Select(h => h.SubscriberId).Distinct().Count();
                ((double)uniqueOpens / delivered).ShouldBeInRange(0.25, 0.45);
                var clicks = mine.Where(h => h.Kind == TrackingKind.Click && !h.Machine).GroupBy(h => h.LinkIndex).ToDictionary(g => g.Key!.Value, g => g.Count());
                clicks.MaxBy(kv => kv.Value).Key.ShouldBe(0);
            }
        }

        // A second run changes nothing.
        (await seeder.SeedAsync(_brand, Customers(300), (h, _) => { hits.AddRange(h); return Task.CompletedTask; }, Now)).ShouldBeNull();
        (await CountsAsync()).ShouldBe(first);
    }

    [Fact]
    public async Task Fills_up_with_form_subscribers_without_customers()
    {
        var seeder = new NewsletterDemoSeeder(_database.Contexts);
        var summary = await seeder.SeedAsync(_brand, [], null, Now);
        summary.ShouldNotBeNull();
        await using var db = await _database.Contexts.CreateDbContextAsync();
        (await db.Subscribers.CountAsync(s => s.Source == SubscriberSource.Form)).ShouldBe(NewsletterDemoSeeder.TargetSubscribers);
        var tracking = await db.Subscribers.CountAsync(s => s.TrackingConsent);
        ((double)tracking / NewsletterDemoSeeder.TargetSubscribers).ShouldBeInRange(0.65, 0.75);
        (await db.Subscribers.Select(s => s.Email).Distinct().CountAsync()).ShouldBe(NewsletterDemoSeeder.TargetSubscribers);
    }
}

/// <summary>The demo load on a real SQLite file.</summary>
public sealed class SqliteNewsletterDemoSeederTests : NewsletterDemoSeederTests
{
    protected override Task<DatabaseOptions?> DatabaseAsync() => Task.FromResult<DatabaseOptions?>(null);
}

/// <summary>The demo load on PostgreSQL 15 (a throwaway cluster shared by the collection, one database per test).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresNewsletterDemoSeederTests(PostgresServer server) : NewsletterDemoSeederTests
{
    protected override async Task<DatabaseOptions?> DatabaseAsync() => await NewsletterTestDatabase.PostgreSqlAsync(server, "demo");
}
