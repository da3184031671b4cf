using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Sending.Bounces;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tests.Sending.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Joules.Plugins.Newsletter.Tests.Sending;

public class BounceMailboxTests
{
    private static string Dsn(string recipient, string status, string action, string originalMessageId, bool headersOnly) => $"""
        From: Mail Delivery System <MAILER-DAEMON@mx.example.test>
        To: bounces@sonnental.test
        Subject: Undelivered Mail Returned to Sender
        Message-ID: <dsn-{Guid.NewGuid():N}@mx.example.test>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"

        --BOUNDARY
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.example.test. Your message could not be delivered.

        --BOUNDARY
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.test
        Arrival-Date: Fri, 27 Nov 2026 10:00:00 +0000

        Final-Recipient: rfc822; {recipient}
        Original-Recipient: rfc822;{recipient}
        Action: {action}
        Status: {status}
        Diagnostic-Code: smtp; 550 {status} Mailbox unknown

        --BOUNDARY
        Content-Type: {(headersOnly ? "text/rfc822-headers" : "message/rfc822")}

        From: Stadtwerke Sonnental <newsletter@stadtwerke-sonnental.test>
        To: {recipient}
        Subject: Neuigkeiten
        Message-ID: {originalMessageId}
        {(headersOnly ? "" : "\nHallo!\n")}
        --BOUNDARY--
        """;

    [Fact]
    public async Task Bounce_mailbox_records_hard_and_soft_bounces_suppresses_hard_ones_and_deletes_what_it_processed()
    {
        await using var f = await SendingFixture.CreateAsync();
        Campaign campaign;
        List<Subscriber> subscribers;
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            var list = await SendingData.ListAsync(db);
            subscribers = await SendingData.SubscribersAsync(db, list, 3);
            campaign = await SendingData.CampaignAsync(db, list);
        }
        await f.SendCampaignAsync(campaign.Id);
        var ids = f.Sink.Messages().ToDictionary(m => m.To.Mailboxes.Single().Address, m => "<" + m.MessageId + ">");

        await using var pop = new Pop3Server("bounces", "geheim");
        pop.Add(Dsn(subscribers[0].Email, "5.1.1", "failed", ids[subscribers[0].Email], headersOnly: false));
        pop.Add(Dsn(subscribers[1].Email, "4.2.2", "failed", ids[subscribers[1].Email], headersOnly: true));
        pop.Add("From: kunde@example.test\r\nTo: bounces@sonnental.test\r\nSubject: Frage zum Tarif\r\n\r\nWann kommt die Rechnung?\r\n");
        var protector = f.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(BounceMailboxReader.ProtectionPurpose);
        await using (var db = await f.Contexts.CreateDbContextAsync())
        {
            db.Settings.Add(new NewsletterSettings
            {
                BrandId = SendingFixture.BrandId, BounceMailboxHost = "127.0.0.1", BounceMailboxPort = pop.Port, BounceMailboxTls = false,
                BounceMailboxUser = "bounces", BounceMailboxProtectedPassword = protector.Protect("geheim"),
            });
            await db.SaveChangesAsync();
        }

        var result = await f.WithScopeAsync(sp => sp.GetRequiredService<BounceMailboxReader>().PollAllAsync());

        result.ShouldBe(new BounceMailboxReader.Result(1, 2, 0));
        pop.FailedLogins.ShouldBe(0);
        pop.Messages.Count.ShouldBe(1);
        pop.Messages[0].ShouldContain("Frage zum Tarif");
        await using (var check = await f.Contexts.CreateDbContextAsync())
        {
            var bounces = await check.Bounces.OrderBy(b => b.Kind).ToListAsync();
            bounces.Select(b => (b.Email, b.Kind, b.Source, b.CampaignId, b.SubscriberId)).ShouldBe([
                (subscribers[1].Email, BounceKind.Soft, "mailbox", (long?)campaign.Id, (long?)subscribers[1].Id),
                (subscribers[0].Email, BounceKind.Hard, "mailbox", (long?)campaign.Id, (long?)subscribers[0].Id),
            ]);
            var deliveries = await check.Deliveries.Where(d => d.CampaignId == campaign.Id).ToDictionaryAsync(d => d.SubscriberId, d => d.Status);
            deliveries[subscribers[0].Id].ShouldBe(DeliveryStatus.HardBounce);
            deliveries[subscribers[1].Id].ShouldBe(DeliveryStatus.SoftBounce);
            deliveries[subscribers[2].Id].ShouldBe(DeliveryStatus.Sent);
            (await check.Suppressions.Select(s => s.Email).ToListAsync()).ShouldBe([subscribers[0].Email]);
            (await check.DailyStats.Where(s => s.CampaignId == campaign.Id && s.Metric == StatMetric.HardBounce).SumAsync(s => s.Value)).ShouldBe(1);
            (await check.DailyStats.Where(s => s.CampaignId == campaign.Id && s.Metric == StatMetric.SoftBounce).SumAsync(s => s.Value)).ShouldBe(1);
        }

        // The same report again (a mailbox that did not delete it) counts nothing twice.
        pop.Add(Dsn(subscribers[0].Email, "5.1.1", "failed", ids[subscribers[0].Email], headersOnly: true));
        (await f.WithScopeAsync(sp => sp.GetRequiredService<BounceMailboxReader>().PollAllAsync())).Bounces.ShouldBe(0);
        await using var again = await f.Contexts.CreateDbContextAsync();
        (await again.Bounces.CountAsync()).ShouldBe(2);
    }

    [Fact]
    public void Dsn_parser_ignores_delivered_reports_and_reads_the_original_message_id()
    {
        var delivered = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            Dsn("a@example.test", "2.0.0", "delivered", "<nl.5.9.abcdef0123@sonnental.test>", true).ReplaceLineEndings("\r\n"))));
        DsnParser.Parse(delivered).ShouldBeEmpty();

        var failed = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            Dsn("A@Example.test", "5.2.1", "failed", "<nl.5.9.abcdef0123@sonnental.test>", false).ReplaceLineEndings("\r\n"))));
        DsnParser.Parse(failed).Single().ShouldBe(new BounceReport("a@example.test", BounceKind.Hard, "5.2.1", "smtp; 550 5.2.1 Mailbox unknown", 5, 9));
    }
}
