using Joules.Plugins.Newsletter.Audiences;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Tests.Audiences;

public class CustomerListSyncTests
{
    private sealed class FakeCore : ICoreAudienceSource
    {
        public List<CustomerConsentRecord> Customers { get; } = [];
        public List<PartnerRecord> Partners { get; } = [];
        public Task<List<CustomerConsentRecord>> CustomersAsync(Guid brandId, CancellationToken ct = default) => Task.FromResult(Customers.ToList());
        public Task<List<PartnerRecord>> PartnersAsync(Guid brandId, CancellationToken ct = default) => Task.FromResult(Partners.ToList());
    }

    private static readonly DateTimeOffset Given = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static CustomerConsentRecord Customer(Guid id, string email, bool granted, DateTimeOffset at, bool tracking = false) =>
        new(id, email, "Erika", "Muster", "12345", "Sonnental", granted, at, "order-funnel", "Ja, Werbung per E-Mail.", tracking, tracking ? at : null);

    /// <summary>A partner list and a sync whose Core knows an active sales partner per address (the caller disposes the kit).</summary>
    private static async Task<(AudienceKit Kit, MailingList List, CustomerListSync Sync)> PartnerListAsync(params string[] addresses)
    {
        var kit = await AudienceKit.CreateAsync();
        var list = await kit.ListAsync("Partner-Info", ListLegalBasis.ExistingCustomer, isPublic: false);
        var core = new FakeCore();
        core.Partners.AddRange(addresses.Select((a, i) => new PartnerRecord(Guid.NewGuid(), a, $"Vertrieb {i + 1}", true)));
        return (kit, list, new CustomerListSync(kit.Store.Contexts, core, kit.Audit, kit.Clock));
    }

    [Fact]
    public async Task Customer_consent_sync_adds_granted_customers_with_the_core_proof_and_unsubscribes_withdrawn_ones()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var list = await kit.ListAsync("Kunden-Infos", ListLegalBasis.Consent, isPublic: false);
        var core = new FakeCore();
        var erika = Guid.NewGuid();
        var otto = Guid.NewGuid();
        core.Customers.Add(Customer(erika, "Erika@Example.test", true, Given, tracking: true));
        core.Customers.Add(Customer(otto, "otto@example.test", false, Given));
        var sync = new CustomerListSync(kit.Store.Contexts, core, kit.Audit, kit.Clock);

        (await sync.TakeOverCustomersAsync(list.Id)).ShouldBe(new SyncResult(1, 0));

        await using (var db = kit.Db())
        {
            var subscriber = await db.Subscribers.SingleAsync();
            subscriber.Email.ShouldBe("erika@example.test");
            subscriber.CustomerId.ShouldBe(erika);
            subscriber.Source.ShouldBe(SubscriberSource.Customer);
            subscriber.PostalCode.ShouldBe("12345");
            subscriber.TrackingConsent.ShouldBeTrue();
            var subscription = await db.Subscriptions.SingleAsync();
            subscription.Status.ShouldBe(SubscriptionStatus.Confirmed);
            subscription.Source.ShouldBe("customer-consent:order-funnel");
            subscription.ConsentGivenAt.ShouldBe(Given);
            subscription.ConsentText.ShouldBe("Ja, Werbung per E-Mail.");
        }

        // Later: Erika withdraws, Otto grants. The job brings the list in step.
        core.Customers.Clear();
        core.Customers.Add(Customer(erika, "erika@example.test", false, Given.AddDays(30)));
        core.Customers.Add(Customer(otto, "otto@example.test", true, Given.AddDays(31)));
        (await sync.SyncAllAsync()).ShouldBe(new SyncResult(1, 1));

        await using (var db = kit.Db())
        {
            var rows = await (from s in db.Subscriptions join p in db.Subscribers on s.SubscriberId equals p.Id select new { p.Email, s.Status, s.UnsubscribeChannel })
                .ToListAsync();
            rows.Single(r => r.Email == "erika@example.test").Status.ShouldBe(SubscriptionStatus.Unsubscribed);
            rows.Single(r => r.Email == "erika@example.test").UnsubscribeChannel.ShouldBe("consent-withdrawn");
            rows.Single(r => r.Email == "otto@example.test").Status.ShouldBe(SubscriptionStatus.Confirmed);
            (await AudienceQuery.Recipients(db, AudienceKit.Brand, [list.Id], null).Select(s => s.Email).ToListAsync()).ShouldBe(["otto@example.test"]);
        }

        // Nothing changed: nothing happens.
        (await sync.SyncAllAsync()).ShouldBe(new SyncResult(0, 0));
    }

    [Fact]
    public async Task Sales_partners_are_taken_over_and_a_partner_who_unsubscribed_is_not_added_again()
    {
        var (kit, list, sync) = await PartnerListAsync("vp1@example.test", "vp2@example.test");
        await using var owned = kit;

        (await sync.TakeOverPartnersAsync(list.Id)).Added.ShouldBe(2);
        await using (var db = kit.Db())
        {
            (await db.Subscribers.CountAsync(s => s.Source == SubscriberSource.SalesPartner && s.SalesPartnerId != null)).ShouldBe(2);
            var first = await db.Subscribers.SingleAsync(s => s.Email == "vp1@example.test");
            var subscription = await db.Subscriptions.SingleAsync(s => s.SubscriberId == first.Id);
            subscription.Status = SubscriptionStatus.Unsubscribed;
            subscription.UnsubscribeChannel = "one-click";
            await db.SaveChangesAsync();
        }

        (await sync.SyncAllAsync()).Added.ShouldBe(0);
    }

    [Fact]
    public async Task Two_partner_records_with_the_same_address_give_one_subscriber_and_one_subscription()
    {
        var (kit, list, sync) = await PartnerListAsync("Team@Example.test", " team@example.test");
        await using var owned = kit;

        (await sync.TakeOverPartnersAsync(list.Id)).ShouldBe(new SyncResult(1, 0));

        await using (var db = kit.Db())
        {
            (await db.Subscribers.Select(s => s.Email).ToListAsync()).ShouldBe(["team@example.test"]);
            var subscription = await db.Subscriptions.SingleAsync();
            subscription.Status.ShouldBe(SubscriptionStatus.Confirmed);
            subscription.Source.ShouldBe(CustomerListSync.PartnerSource);
        }
        (await sync.SyncAllAsync()).ShouldBe(new SyncResult(0, 0));
    }

    [Fact]
    public async Task Two_customer_records_that_meet_the_same_subscriber_give_it_one_subscription()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var list = await kit.ListAsync("Kunden-Infos", ListLegalBasis.Consent, isPublic: false);
        var erika = Guid.NewGuid();
        await using (var db = kit.Db())
        {
            db.Subscribers.Add(new Subscriber { BrandId = AudienceKit.Brand, Email = "familie@example.test", Source = SubscriberSource.Customer, CustomerId = erika });
            await db.SaveChangesAsync();
        }
        var core = new FakeCore();
        // Erika's own record (found by customer id) and another customer using the family address (found by address).
        core.Customers.Add(Customer(erika, "erika@example.test", true, Given));
        core.Customers.Add(Customer(Guid.NewGuid(), "familie@example.test", true, Given));
        var sync = new CustomerListSync(kit.Store.Contexts, core, kit.Audit, kit.Clock);

        (await sync.TakeOverCustomersAsync(list.Id)).ShouldBe(new SyncResult(1, 0));

        await using (var db = kit.Db())
        {
            (await db.Subscribers.Select(s => s.Email).ToListAsync()).ShouldBe(["familie@example.test"]);
            (await db.Subscriptions.SingleAsync()).Status.ShouldBe(SubscriptionStatus.Confirmed);
        }
    }
}
