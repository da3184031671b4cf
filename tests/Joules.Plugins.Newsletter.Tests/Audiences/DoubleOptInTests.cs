using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Audiences;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Tests.Audiences;

public class DoubleOptInTests
{
    [Fact]
    public async Task Subscribing_records_an_unconfirmed_subscription_with_the_proof_and_sends_only_the_confirmation_link()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var list = await kit.ListAsync();

        await kit.Public.SubscribeAsync(kit.Request("  Erika.Muster@Example.TEST ", list.Id));

        await using var db = kit.Db();
        var subscriber = await db.Subscribers.SingleAsync();
        subscriber.Email.ShouldBe("erika.muster@example.test");
        subscriber.Source.ShouldBe(SubscriberSource.Form);
        var subscription = await db.Subscriptions.SingleAsync();
        subscription.Status.ShouldBe(SubscriptionStatus.Unconfirmed);
        subscription.ConsentIp.ShouldBe("203.0.113.7");
        subscription.ConsentUserAgent.ShouldBe("Mozilla/5.0 (Test)");
        subscription.ConsentText.ShouldBe("Ja, ich möchte Kundennewsletter erhalten.");
        subscription.ConsentTextVersion.ShouldBe(3);
        subscription.Source.ShouldBe("form:anmelden");
        subscription.ConsentGivenAt.ShouldBe(kit.Clock.Now);
        subscription.ConfirmationSentAt.ShouldBe(kit.Clock.Now);

        var mail = kit.Mail.Sent.ShouldHaveSingleItem();
        mail.To.Mailboxes.Single().Address.ShouldBe("erika.muster@example.test");
        mail.Subject.ShouldNotBeNull().ShouldContain("bestätigen");
        mail.TextBody.ShouldNotBeNull().ShouldContain($"{AudienceKit.BaseUrl}/newsletter/bestaetigen/");
        mail.HtmlBody.ShouldNotBeNull().ShouldNotContain("/c/");   // no tracked links, no pixel
        mail.HtmlBody!.ShouldNotContain("<img");
    }

    [Fact]
    public async Task Confirmation_link_confirms_records_the_ip_counts_the_subscription_and_lifts_only_an_unsubscribe_suppression()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var news = await kit.ListAsync();
        var offers = await kit.ListAsync("Angebote");
        await using (var db = kit.Db())
        {
            db.Suppressions.Add(new Suppression { BrandId = AudienceKit.Brand, Email = "erika@example.test", Reason = SuppressionReason.Unsubscribed });
            db.Suppressions.Add(new Suppression { BrandId = AudienceKit.Brand, Email = "bounce@example.test", Reason = SuppressionReason.HardBounce });
            await db.SaveChangesAsync();
        }
        await kit.Public.SubscribeAsync(kit.Request("erika@example.test", news.Id, offers.Id) with { TrackingConsent = true });
        var token = kit.LastConfirmToken();
        kit.Clock.Advance(TimeSpan.FromHours(5));

        // Opening the link only asks (scanners open every link): nothing changes until the button is pressed.
        var peek = await kit.Public.PeekConfirmAsync(token);
        peek.Outcome.ShouldBe(ConfirmOutcome.Confirmed);
        peek.ListNames.ShouldBe(["Angebote", "Kundennewsletter"], ignoreOrder: true);
        await using (var db = kit.Db())
            (await db.Subscriptions.CountAsync(s => s.Status == SubscriptionStatus.Unconfirmed)).ShouldBe(2);

        var result = await kit.Public.ConfirmAsync(token, "198.51.100.9");

        result.Outcome.ShouldBe(ConfirmOutcome.Confirmed);
        (await kit.Public.PeekConfirmAsync(token)).Outcome.ShouldBe(ConfirmOutcome.AlreadyConfirmed);
        result.ListNames!.Count.ShouldBe(2);
        await using (var db = kit.Db())
        {
            var rows = await db.Subscriptions.ToListAsync();
            rows.Count.ShouldBe(2);
            rows.ShouldAllBe(s => s.Status == SubscriptionStatus.Confirmed && s.ConfirmedIp == "198.51.100.9");
            rows.ShouldAllBe(s => s.ConfirmedAt == kit.Clock.Now);
            var subscriber = await db.Subscribers.SingleAsync();
            subscriber.TrackingConsent.ShouldBeTrue();
            subscriber.TrackingConsentAt.ShouldBe(kit.Clock.Now);
            (await db.Suppressions.AnyAsync(s => s.Email == "erika@example.test")).ShouldBeFalse();
            (await db.DailyStats.Where(s => s.Metric == StatMetric.Subscribed && s.CampaignId == 0).SumAsync(s => s.Value)).ShouldBe(2);
            (await AudienceQuery.Recipients(db, AudienceKit.Brand, [news.Id], null).CountAsync()).ShouldBe(1);
        }

        // A hard bounce stays suppressed even when the address confirms again.
        await kit.Public.SubscribeAsync(kit.Request("bounce@example.test", news.Id));
        (await kit.Public.ConfirmAsync(kit.LastConfirmToken(), "198.51.100.9")).Outcome.ShouldBe(ConfirmOutcome.Confirmed);
        await using (var db = kit.Db())
        {
            (await db.Suppressions.AnyAsync(s => s.Email == "bounce@example.test" && s.Reason == SuppressionReason.HardBounce)).ShouldBeTrue();
            (await AudienceQuery.Recipients(db, AudienceKit.Brand, [news.Id], null).Select(s => s.Email).ToListAsync()).ShouldBe(["erika@example.test"]);
        }
    }

    [Fact]
    public async Task Confirmation_link_expires_after_seven_days_and_a_forged_one_is_refused()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var list = await kit.ListAsync();
        await kit.Public.SubscribeAsync(kit.Request("late@example.test", list.Id));
        var token = kit.LastConfirmToken();
        kit.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        (await kit.Public.ConfirmAsync(token, "198.51.100.9")).Outcome.ShouldBe(ConfirmOutcome.Expired);
        var forged = (token[0] == 'A' ? "B" : "A") + token[1..];
        (await kit.Public.ConfirmAsync(forged, "198.51.100.9")).Outcome.ShouldBe(ConfirmOutcome.Invalid);
        await using var db = kit.Db();
        (await db.Subscriptions.SingleAsync()).Status.ShouldBe(SubscriptionStatus.Unconfirmed);
    }

    [Fact]
    public async Task Subscribing_again_to_a_confirmed_list_keeps_it_confirmed_and_sends_no_mail()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var list = await kit.ListAsync();
        await kit.Public.SubscribeAsync(kit.Request("erika@example.test", list.Id));
        await kit.Public.ConfirmAsync(kit.LastConfirmToken(), "198.51.100.9");
        kit.Clock.Advance(TimeSpan.FromDays(1));

        await kit.Public.SubscribeAsync(kit.Request("ERIKA@example.test", list.Id) with { Ip = "192.0.2.1" });

        kit.Mail.Sent.Count.ShouldBe(1);
        await using var db = kit.Db();
        var subscription = await db.Subscriptions.SingleAsync();
        subscription.Status.ShouldBe(SubscriptionStatus.Confirmed);
        subscription.ConsentIp.ShouldBe("203.0.113.7");
    }

    [Fact]
    public async Task Subscribe_form_rejects_an_invalid_address_and_a_non_public_list_naming_the_field()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var hidden = await kit.ListAsync("Intern", isPublic: false);

        (await Should.ThrowAsync<DomainException>(() => kit.Public.SubscribeAsync(kit.Request("not-an-address", hidden.Id)))).Field.ShouldBe("Email");
        (await Should.ThrowAsync<DomainException>(() => kit.Public.SubscribeAsync(kit.Request("a@example.test", hidden.Id)))).Field.ShouldBe("Lists");
        kit.Mail.Sent.ShouldBeEmpty();
    }
}
