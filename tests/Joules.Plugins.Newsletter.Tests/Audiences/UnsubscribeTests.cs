using Joules.Plugins.Newsletter.Audiences;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Tests.Audiences;

public class UnsubscribeTests
{
    private static async Task<(long Campaign, long Subscriber, long ListA, long ListB, long Other)> SeedAsync(AudienceKit kit)
    {
        var a = await kit.ListAsync("A");
        var b = await kit.ListAsync("B");
        var other = await kit.ListAsync("C");
        await using var db = kit.Db();
        var subscriber = new Subscriber { BrandId = AudienceKit.Brand, Email = "max@example.test" };
        db.Subscribers.Add(subscriber);
        await db.SaveChangesAsync();
        foreach (var list in new[] { a, b, other })
            db.Subscriptions.Add(new Subscription { BrandId = AudienceKit.Brand, SubscriberId = subscriber.Id, ListId = list.Id, Status = SubscriptionStatus.Confirmed });
        var campaign = new Campaign { BrandId = AudienceKit.Brand, Name = "November", Subject = "News", Lists = [new() { ListId = a.Id }, new() { ListId = b.Id }] };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return (campaign.Id, subscriber.Id, a.Id, b.Id, other.Id);
    }

    [Fact]
    public async Task One_click_unsubscribes_from_the_campaigns_lists_only_and_counts_it_per_list()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var (campaign, subscriber, a, b, other) = await SeedAsync(kit);
        var token = kit.Signer.Create(new TrackingToken(TokenPurpose.Unsubscribe, campaign, subscriber));

        var result = await kit.Public.UnsubscribeAsync(token, UnsubscribeEndpoints.OneClickChannel);

        result.ShouldNotBeNull().Changed.ShouldBe(2);
        await using var db = kit.Db();
        var rows = await db.Subscriptions.ToDictionaryAsync(s => s.ListId);
        rows[a].Status.ShouldBe(SubscriptionStatus.Unsubscribed);
        rows[a].UnsubscribeChannel.ShouldBe("one-click");
        rows[a].UnsubscribedAt.ShouldBe(kit.Clock.Now);
        rows[b].Status.ShouldBe(SubscriptionStatus.Unsubscribed);
        rows[other].Status.ShouldBe(SubscriptionStatus.Confirmed);
        var stats = await db.DailyStats.Where(s => s.Metric == StatMetric.Unsubscribed).ToListAsync();
        stats.Select(s => (s.CampaignId, s.ListId, s.Value)).OrderBy(x => x.ListId).ShouldBe([(campaign, a, 1L), (campaign, b, 1L)]);

        // Repeating it changes and counts nothing more.
        (await kit.Public.UnsubscribeAsync(token, UnsubscribeEndpoints.OneClickChannel)).ShouldNotBeNull().Changed.ShouldBe(0);
        await using var again = kit.Db();
        (await again.DailyStats.Where(s => s.Metric == StatMetric.Unsubscribed).SumAsync(s => s.Value)).ShouldBe(2);
    }

    [Fact]
    public async Task Forged_or_wrong_purpose_unsubscribe_tokens_change_nothing()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var (campaign, subscriber, _, _, _) = await SeedAsync(kit);
        var token = kit.Signer.Create(new TrackingToken(TokenPurpose.Unsubscribe, campaign, subscriber));
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        var click = kit.Signer.Create(new TrackingToken(TokenPurpose.Click, campaign, subscriber));

        (await kit.Public.UnsubscribeAsync(forged, "one-click")).ShouldBeNull();
        (await kit.Public.UnsubscribeAsync(click, "one-click")).ShouldBeNull();
        (await kit.Public.PeekUnsubscribeAsync(forged)).ShouldBeNull();
        await using var db = kit.Db();
        (await db.Subscriptions.CountAsync(s => s.Status == SubscriptionStatus.Confirmed)).ShouldBe(3);
    }

    [Fact]
    public async Task Unsubscribing_from_everything_in_the_preference_centre_suppresses_the_address()
    {
        await using var kit = await AudienceKit.CreateAsync();
        var (_, subscriber, a, _, _) = await SeedAsync(kit);
        var view = await kit.Public.PreferencesAsync(kit.Public.PreferencesToken(subscriber));
        view.ShouldNotBeNull().Lists.Count.ShouldBe(3);

        await kit.Public.UnsubscribeEverythingAsync(subscriber);

        await using var db = kit.Db();
        (await db.Subscriptions.AllAsync(s => s.Status == SubscriptionStatus.Unsubscribed && s.UnsubscribeChannel == "preferences")).ShouldBeTrue();
        (await db.Suppressions.SingleAsync()).Reason.ShouldBe(SuppressionReason.Unsubscribed);
        (await AudienceQuery.Recipients(db, AudienceKit.Brand, [a], null).CountAsync()).ShouldBe(0);
    }
}
