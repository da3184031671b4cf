using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Sending.Composition;
using Joules.Plugins.Newsletter.Sending.Pipeline;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tests.Sending.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Tests.Sending;

public class AbTestTests
{
    [Fact]
    public async Task Ab_test_sends_the_split_sample_first_then_the_variant_with_more_clickers_to_everyone_else()
    {
        const int recipients = 400;
        await using var f = await SendingFixture.CreateAsync();
        Campaign campaign;
        List<Subscriber> subscribers;
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var list = await SendingData.ListAsync(db);
            subscribers = await SendingData.SubscribersAsync(db, list, recipients);
            campaign = await SendingData.CampaignAsync(db, list, c =>
            {
                c.AbTest = AbTestKind.Subject;
                c.Subject = "A: Neuer Tarif";
                c.SubjectB = "B: Sparen Sie jetzt";
                c.AbSamplePercent = 20;
                c.AbWaitMinutes = 0;
            });
        }

        await f.SendCampaignAsync(campaign.Id);

        var sample = subscribers.Where(s => AbSplit.InSample(campaign.Id, s.Id, 20)).ToList();
        sample.Count.ShouldBeInRange(40, 130);
        var first = f.Sink.Messages();
        first.Select(m => m.To.Mailboxes.Single().Address).Order().ShouldBe(sample.Select(s => s.Email).Order());
        var bySubscriber = first.ToDictionary(m => m.To.Mailboxes.Single().Address, m => m.Subject);
        var groupA = sample.Where(s => AbSplit.Variant(campaign.Id, s.Id) == 0).ToList();
        var groupB = sample.Where(s => AbSplit.Variant(campaign.Id, s.Id) == 1).ToList();
        groupA.ShouldNotBeEmpty();
        groupB.ShouldNotBeEmpty();
        groupA.ShouldAllBe(s => bySubscriber[s.Email] == "A: Neuer Tarif");
        groupB.ShouldAllBe(s => bySubscriber[s.Email] == "B: Sparen Sie jetzt");
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var waiting = await db.Campaigns.SingleAsync(c => c.Id == campaign.Id);
            waiting.Status.ShouldBe(CampaignStatus.AbTestWaiting);
            waiting.ToSend.ShouldBe(sample.Count);
            (await db.Deliveries.Where(d => d.CampaignId == campaign.Id && d.Variant == 1).CountAsync()).ShouldBe(groupB.Count);
            // Two clickers on B, one on A (opens alone do not count).
            var now = DateTimeOffset.UtcNow;
            db.RecipientActivities.AddRange(
                new RecipientActivity { CampaignId = campaign.Id, SubscriberId = groupB[0].Id, Variant = 1, FirstClickAt = now },
                new RecipientActivity { CampaignId = campaign.Id, SubscriberId = groupB[1 % groupB.Count].Id == groupB[0].Id ? groupA[^1].Id : groupB[1].Id, Variant = 1, FirstClickAt = now },
                new RecipientActivity { CampaignId = campaign.Id, SubscriberId = groupA[0].Id, Variant = 0, FirstClickAt = now },
                new RecipientActivity { CampaignId = campaign.Id, SubscriberId = groupA[1 % groupA.Count].Id == groupA[0].Id ? groupB[^1].Id : groupA[1].Id, Variant = 0, FirstOpenAt = now });
            await db.SaveChangesAsync();
        }

        await f.DispatchUntilIdleAsync(campaign.Id);

        var all = f.Sink.Messages();
        all.GroupBy(m => m.To.Mailboxes.Single().Address).Count().ShouldBe(recipients);
        all.Count.ShouldBe(recipients);
        var sampleEmails = sample.Select(s => s.Email).ToHashSet();
        all.Where(m => !sampleEmails.Contains(m.To.Mailboxes.Single().Address)).ShouldAllBe(m => m.Subject == "B: Sparen Sie jetzt");
        await using var check = await f.Contexts.CreateDbContextAsync();
        var done = await check.Campaigns.SingleAsync(c => c.Id == campaign.Id);
        (done.Status, done.AbWinner, done.Phase).ShouldBe((CampaignStatus.Sent, (byte?)1, SendPhase.Rest));
        done.SentCount.ShouldBe(recipients);
        done.ToSend.ShouldBe(recipients);
    }

    [Fact]
    public async Task A_tie_goes_to_variant_A()
    {
        await using var f = await SendingFixture.CreateAsync();
        Campaign campaign;
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var list = await SendingData.ListAsync(db);
            await SendingData.SubscribersAsync(db, list, 100);
            campaign = await SendingData.CampaignAsync(db, list, c =>
            {
                c.AbTest = AbTestKind.Content;
                c.SubjectB = "Variante B";
                c.HtmlBodyB = "<p>B {{ subscriber.first_name }}</p>";
                c.TextBodyB = "B";
                c.AbSamplePercent = 30;
                c.AbWaitMinutes = 0;
            });
        }
        await f.SendCampaignAsync(campaign.Id);
        f.Sink.Messages().Where(m => m.Subject == "Variante B").ShouldAllBe(m => m.HtmlBody!.Contains("<p>B Vorname"));

        await f.DispatchUntilIdleAsync(campaign.Id);

        await using var check = await f.Contexts.CreateDbContextAsync();
        (await check.Campaigns.SingleAsync(c => c.Id == campaign.Id)).AbWinner.ShouldBe((byte?)0);
        f.Sink.Count.ShouldBe(100);
    }
}
