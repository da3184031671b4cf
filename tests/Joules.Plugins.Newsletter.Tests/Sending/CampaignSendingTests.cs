using System.Text.RegularExpressions;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Common;
using Joules.Core.Tests.Infrastructure;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Sending.Composition;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tests.Sending.Infrastructure;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Joules.Plugins.Newsletter.Tests.Sending;

/// <summary>Sending campaigns end to end against a real SMTP sink; the delivery recorder's rows, counters, bounces and
/// roll-ups are checked on every provider the tests can start (subclasses below).</summary>
public abstract partial class CampaignSendingTests
{
    /// <summary>The database of one test (null: a new SQLite file).</summary>
    protected abstract Task<DatabaseOptions?> DatabaseAsync();

    private async Task<SendingFixture> CreateFixtureAsync() => await SendingFixture.CreateAsync(await DatabaseAsync());

    [GeneratedRegex("""/plugins/joules\.newsletter/c/([A-Za-z0-9_-]{35})""")]
    private static partial Regex ClickLink();

    [GeneratedRegex("""/plugins/joules\.newsletter/o/([A-Za-z0-9_-]{35})""")]
    private static partial Regex OpenPixel();

    [Fact]
    public async Task Campaign_reaches_each_recipient_once_with_both_parts_one_click_unsubscribe_and_signed_click_links()
    {
        await using var f = await CreateFixtureAsync();
        var (campaign, subscribers) = await f.CampaignToNewListAsync(12);

        await f.SendCampaignAsync(campaign.Id);

        var signer = await f.SignerAsync();
        var messages = f.Sink.Messages();
        messages.Count.ShouldBe(12);
        messages.Select(m => m.To.Mailboxes.Single().Address).Order().ShouldBe(subscribers.Select(s => s.Email).Order());
        foreach (var message in messages)
        {
            var subscriber = subscribers.Single(s => s.Email == message.To.Mailboxes.Single().Address);
            message.Subject.ShouldBe($"Neuigkeiten für {subscriber.FirstName}");
            message.Body.ShouldBeOfType<MultipartAlternative>();
            var html = message.HtmlBody.ShouldNotBeNull();
            var text = message.TextBody.ShouldNotBeNull();
            text.ShouldContain($"Hallo {subscriber.FirstName}");
            html.ShouldContain("Stadtwerke Sonnental");
            message.Headers["Precedence"].ShouldBe("bulk");
            message.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
            var unsubscribe = message.Headers["List-Unsubscribe"].ShouldNotBeNull().Trim();
            unsubscribe.ShouldStartWith($"<{SendingFixture.BaseUrl}/plugins/joules.newsletter/u/");
            signer.TryRead(unsubscribe.Trim('<', '>').Split('/')[^1], out var unsubscribeToken).ShouldBeTrue();
            unsubscribeToken.ShouldBe(new TrackingToken(TokenPurpose.Unsubscribe, campaign.Id, subscriber.Id));
            CampaignComposer.TryParseMessageId(message.MessageId, out var campaignId, out var subscriberId).ShouldBeTrue();
            (campaignId, subscriberId).ShouldBe((campaign.Id, subscriber.Id));

            // Both trackable links are rewritten to click redirects; tokens name the link, and the subscriber only with consent.
            html.ShouldNotContain("https://www.example.test/tarife");
            var clicks = ClickLink().Matches(html).Select(m => m.Groups[1].Value).ToList();
            clicks.Count.ShouldBe(2);
            for (var i = 0; i < clicks.Count; i++)
            {
                signer.TryRead(clicks[i], out var click).ShouldBeTrue();
                click.ShouldBe(new TrackingToken(TokenPurpose.Click, campaign.Id, subscriber.TrackingConsent ? subscriber.Id : 0, 0, i));
            }
            var pixel = OpenPixel().Matches(html).Select(m => m.Groups[1].Value).ToList();
            if (subscriber.TrackingConsent)
            {
                pixel.Count.ShouldBe(1);
                signer.TryRead(pixel[0], out var open).ShouldBeTrue();
                open.ShouldBe(new TrackingToken(TokenPurpose.Open, campaign.Id, subscriber.Id));
            }
            else pixel.ShouldBeEmpty();
            // The footer: unsubscribe and preference centre links.
            html.ShouldContain("Vom Newsletter abmelden");
            html.ShouldContain($"{SendingFixture.BaseUrl}/newsletter/profil/");
            text.ShouldContain($"{SendingFixture.BaseUrl}/plugins/joules.newsletter/u/");
        }

        await using var check = await f.Contexts.CreateDbContextAsync();
        var stored = await check.Campaigns.SingleAsync(c => c.Id == campaign.Id);
        stored.Status.ShouldBe(CampaignStatus.Sent);
        stored.SentCount.ShouldBe(12);
        stored.ToSend.ShouldBe(12);
        stored.FinishedAt.ShouldNotBeNull();
        (await check.Deliveries.CountAsync(d => d.CampaignId == campaign.Id && d.Status == DeliveryStatus.Sent)).ShouldBe(12);
        (await check.DailyStats.Where(s => s.CampaignId == campaign.Id && s.Metric == StatMetric.Sent).SumAsync(s => s.Value)).ShouldBe(12);
        var links = await check.CampaignLinks.Where(l => l.CampaignId == campaign.Id).OrderBy(l => l.Index).ToListAsync();
        links.Select(l => l.Url).ShouldBe(["https://www.example.test/tarife?x=1&y=2", "https://www.example.test/kontakt"]);
    }

    [Fact]
    public async Task Crash_in_the_middle_of_a_campaign_and_resume_sends_every_recipient_exactly_one_mail()
    {
        const int recipients = 3000;
        await using var f = await CreateFixtureAsync();
        var (campaign, _) = await f.CampaignToNewListAsync(recipients);
        // The sink holds every mail after the 1,200th before its 250: those sends are under way when the sender goes down.
        f.Sink.HoldAfter = 1200;

        await f.SendNowAsync(campaign.Id);
        await f.Sink.WaitForArrivedAsync(1204);
        await f.RestartAsync(whileStopping: async () =>
        {
            await Task.Delay(50);
            f.Sink.Release();
        });

        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var half = await db.Campaigns.SingleAsync(c => c.Id == campaign.Id);
            half.Status.ShouldBe(CampaignStatus.Sending);
            var recorded = await db.Deliveries.CountAsync(d => d.CampaignId == campaign.Id);
            recorded.ShouldBe(f.Sink.Count);
            recorded.ShouldBeLessThan(recipients);
        }

        await f.DispatchUntilIdleAsync(campaign.Id);

        var received = f.Sink.Messages().GroupBy(m => m.To.Mailboxes.Single().Address).ToList();
        received.Count.ShouldBe(recipients);
        received.ShouldAllBe(g => g.Count() == 1);
        await using var check = await f.Contexts.CreateDbContextAsync();
        (await check.Deliveries.CountAsync(d => d.CampaignId == campaign.Id)).ShouldBe(recipients);
        var done = await check.Campaigns.SingleAsync(c => c.Id == campaign.Id);
        done.Status.ShouldBe(CampaignStatus.Sent);
        done.SentCount.ShouldBe(recipients);
    }

    [Fact]
    public async Task Pause_stops_sending_and_resume_sends_the_rest_without_duplicates()
    {
        const int recipients = 1500;
        await using var f = await CreateFixtureAsync();
        var (campaign, _) = await f.CampaignToNewListAsync(recipients);
        f.Sink.HoldAfter = 300;

        await f.SendNowAsync(campaign.Id);
        await f.Sink.WaitForArrivedAsync(302);
        var pausing = f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignCommands>().PauseAsync(campaign.Id));
        await Task.Delay(50);
        f.Sink.Release();
        await pausing;

        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            (await db.Campaigns.Where(c => c.Id == campaign.Id).Select(c => c.Status).SingleAsync()).ShouldBe(CampaignStatus.Paused);
            (await db.Deliveries.CountAsync(d => d.CampaignId == campaign.Id)).ShouldBe(f.Sink.Count);
        }
        var whilePaused = f.Sink.Count;
        whilePaused.ShouldBeLessThan(recipients);
        // The dispatch job leaves a paused campaign alone.
        await f.WithScopeAsync(sp => sp.GetRequiredService<Newsletter.Sending.Pipeline.CampaignScheduler>().RunDueAsync());
        await f.Dispatcher.WhenIdleAsync(campaign.Id);
        f.Sink.Count.ShouldBe(whilePaused);
        await Should.ThrowAsync<DomainException>(() => f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignCommands>().PauseAsync(campaign.Id)));

        await f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignCommands>().ResumeAsync(campaign.Id));
        await f.DispatchUntilIdleAsync(campaign.Id);

        var received = f.Sink.Messages().GroupBy(m => m.To.Mailboxes.Single().Address).ToList();
        received.Count.ShouldBe(recipients);
        received.ShouldAllBe(g => g.Count() == 1);
    }

    [Fact]
    public async Task Cancel_stops_the_campaign_for_good()
    {
        await using var f = await CreateFixtureAsync();
        var (campaign, _) = await f.CampaignToNewListAsync(1200);
        f.Sink.HoldAfter = 100;

        await f.SendNowAsync(campaign.Id);
        await f.Sink.WaitForArrivedAsync(101);
        var cancelling = f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignCommands>().CancelAsync(campaign.Id));
        await Task.Delay(50);
        f.Sink.Release();
        await cancelling;
        await f.WithScopeAsync(sp => sp.GetRequiredService<Newsletter.Sending.Pipeline.CampaignScheduler>().RunDueAsync());
        await f.Dispatcher.WhenIdleAsync(campaign.Id);

        await using var check = await f.Contexts.CreateDbContextAsync();
        (await check.Campaigns.Where(c => c.Id == campaign.Id).Select(c => c.Status).SingleAsync()).ShouldBe(CampaignStatus.Cancelled);
        f.Sink.Count.ShouldBeLessThan(1200);
        (await check.Deliveries.CountAsync(d => d.CampaignId == campaign.Id)).ShouldBe(f.Sink.Count);
        var resume = await Should.ThrowAsync<DomainException>(() => f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignCommands>().ResumeAsync(campaign.Id)));
        resume.Message.ShouldContain("Abgebrochen");
    }

    [Fact]
    public async Task Suppressed_unconfirmed_and_unsubscribed_subscribers_get_nothing()
    {
        await using var f = await CreateFixtureAsync();
        Campaign campaign;
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var list = await SendingData.ListAsync(db);
            await SendingData.SubscribersAsync(db, list, 5, "ok");
            await SendingData.SubscribersAsync(db, list, 3, "offen", SubscriptionStatus.Unconfirmed);
            await SendingData.SubscribersAsync(db, list, 2, "weg", SubscriptionStatus.Unsubscribed);
            db.Suppressions.Add(new Suppression { BrandId = SendingFixture.BrandId, Email = "ok1@example.test", Reason = SuppressionReason.HardBounce });
            await db.SaveChangesAsync();
            campaign = await SendingData.CampaignAsync(db, list);
        }

        (await f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignCommands>().CountRecipientsAsync(campaign.Id))).ShouldBe(4);
        await f.SendCampaignAsync(campaign.Id);

        f.Sink.Messages().Select(m => m.To.Mailboxes.Single().Address).Order()
            .ShouldBe(["ok2@example.test", "ok3@example.test", "ok4@example.test", "ok5@example.test"]);
    }

    [Fact]
    public async Task Recipient_refused_with_550_is_a_hard_bounce_and_suppressed()
    {
        await using var f = await CreateFixtureAsync();
        var (campaign, _) = await f.CampaignToNewListAsync(4);
        f.Sink.RefuseRecipient = address => address == "kunde3@example.test";

        await f.SendCampaignAsync(campaign.Id);

        f.Sink.Count.ShouldBe(3);
        await using var check = await f.Contexts.CreateDbContextAsync();
        var stored = await check.Campaigns.SingleAsync(c => c.Id == campaign.Id);
        stored.Status.ShouldBe(CampaignStatus.Sent, stored.LastError);
        (stored.SentCount, stored.FailedCount).ShouldBe((3, 1));
        var failed = await check.Deliveries.SingleAsync(d => d.CampaignId == campaign.Id && d.Status == DeliveryStatus.Failed);
        failed.Error.ShouldNotBeNull().ShouldContain("550");
        var bounce = await check.Bounces.SingleAsync();
        (bounce.Email, bounce.Kind, bounce.Source, bounce.CampaignId).ShouldBe(("kunde3@example.test", BounceKind.Hard, "smtp", (long?)campaign.Id));
        (await check.Suppressions.SingleAsync()).ShouldSatisfyAllConditions(
            s => s.Email.ShouldBe("kunde3@example.test"), s => s.Reason.ShouldBe(SuppressionReason.HardBounce));
        (await check.DailyStats.Where(s => s.CampaignId == campaign.Id && s.Metric == StatMetric.HardBounce).SumAsync(s => s.Value)).ShouldBe(1);
        (await check.DailyStats.Where(s => s.CampaignId == campaign.Id && s.Metric == StatMetric.Failed).SumAsync(s => s.Value)).ShouldBe(1);
        // The refused mail was never sent: the three accepted ones are delivered.
        var totals = (await Newsletter.Analytics.CampaignStatistics.TotalsAsync(check, [campaign.Id]))[campaign.Id];
        (totals.Sent, totals.Delivered).ShouldBe((3L, 3L));
    }

    [Fact]
    public async Task Commands_refuse_what_the_status_does_not_allow()
    {
        await using var f = await CreateFixtureAsync();
        Campaign campaign, noList;
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var list = await SendingData.ListAsync(db);
            await SendingData.SubscribersAsync(db, list, 2);
            campaign = await SendingData.CampaignAsync(db, list);
            noList = await SendingData.CampaignAsync(db, list, c => c.Lists = []);
        }
        await f.WithScopeAsync(async sp =>
        {
            var commands = sp.GetRequiredService<ICampaignCommands>();
            (await Should.ThrowAsync<DomainException>(() => commands.PauseAsync(campaign.Id))).Message.ShouldContain("Entwurf");
            await Should.ThrowAsync<DomainException>(() => commands.ResumeAsync(campaign.Id));
            await Should.ThrowAsync<DomainException>(() => commands.UnscheduleAsync(campaign.Id));
            await Should.ThrowAsync<DomainException>(() => commands.ScheduleAsync(campaign.Id, DateTimeOffset.UtcNow.AddMinutes(-1)));
            (await Should.ThrowAsync<DomainException>(() => commands.SendNowAsync(noList.Id))).Field.ShouldBe("Lists");

            await commands.ScheduleAsync(campaign.Id, DateTimeOffset.UtcNow.AddHours(1));
            await commands.UnscheduleAsync(campaign.Id);
        });
        await using var check = await f.Contexts.CreateDbContextAsync();
        var stored = await check.Campaigns.SingleAsync(c => c.Id == campaign.Id);
        (stored.Status, stored.ScheduledAt).ShouldBe((CampaignStatus.Draft, (DateTimeOffset?)null));
        f.Sink.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Scheduled_campaign_starts_when_due()
    {
        await using var f = await CreateFixtureAsync();
        var (campaign, _) = await f.CampaignToNewListAsync(3);
        await f.WithScopeAsync(sp => sp.GetRequiredService<ICampaignCommands>().ScheduleAsync(campaign.Id, DateTimeOffset.UtcNow.AddHours(1)));
        await f.WithScopeAsync(sp => sp.GetRequiredService<Newsletter.Sending.Pipeline.CampaignScheduler>().RunDueAsync());
        f.Sink.Count.ShouldBe(0);

        await using (var db = await f.Contexts.CreateDbContextAsync())
            await db.Campaigns.Where(c => c.Id == campaign.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ScheduledAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        await f.DispatchUntilIdleAsync(campaign.Id);

        f.Sink.Count.ShouldBe(3);
    }
}

/// <summary>The sending tests on a real SQLite file.</summary>
public sealed class SqliteCampaignSendingTests : CampaignSendingTests
{
    protected override Task<DatabaseOptions?> DatabaseAsync() => Task.FromResult<DatabaseOptions?>(null);
}

/// <summary>The sending tests on PostgreSQL 15 (a throwaway cluster shared by the collection, one database per test).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCampaignSendingTests(PostgresServer server) : CampaignSendingTests
{
    protected override async Task<DatabaseOptions?> DatabaseAsync() => await NewsletterTestDatabase.PostgreSqlAsync(server, "sending");
}
