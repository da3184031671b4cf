using Joules.Core.Data;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Joules.Host.Tests.Features.Outbox;

/// <summary>The whole path in the real host: a mail queued with a save goes through the outbox sender and the pooled SMTP
/// transport over a real SMTP conversation into the development mailbox, once.</summary>
public class OutboxToMailboxTests : IClassFixture<JoulesAppFactory>
{
    private readonly JoulesAppFactory _app;

    public OutboxToMailboxTests(JoulesAppFactory app) => _app = app;

    [Fact]
    public async Task Queued_mail_arrives_in_the_development_mailbox_once_with_both_parts()
    {
        var key = "test:" + Guid.NewGuid().ToString("N");
        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            await db.QueueMailAsync(null, key, "Erika Muster <erika@example.de>", "Ihr Auftrag 4711",
                "<p>Danke für Ihren <b>Auftrag</b>.</p>", "Danke für Ihren Auftrag.");
            await db.SaveChangesAsync();
        });

        CapturedMail? captured = null;
        var until = DateTime.UtcNow.AddSeconds(15);
        while (captured is null && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
            await _app.WithScopeAsync(async s =>
                captured = await s.GetRequiredService<JoulesDbContext>().CapturedMails.AsNoTracking().SingleOrDefaultAsync(m => m.Subject == "Ihr Auftrag 4711"));
        }

        captured.ShouldNotBeNull("the mail did not reach the development mailbox");
        var mime = MimeMessage.Load(new MemoryStream(captured.Mime));
        mime.To.Mailboxes.Single().Address.ShouldBe("erika@example.de");
        mime.TextBody.ShouldNotBeNull().ShouldContain("Danke für Ihren Auftrag.");
        mime.HtmlBody.ShouldNotBeNull().ShouldContain("<b>Auftrag</b>");
        // The sender records the outcome after its batch, so the sent state may follow the delivery by a moment.
        var status = OutboxStatus.Queued;
        while (status != OutboxStatus.Sent && DateTime.UtcNow < until.AddSeconds(5))
        {
            await _app.WithScopeAsync(async s =>
                status = (await s.GetRequiredService<JoulesDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.IdempotencyKey == key)).Status);
            if (status != OutboxStatus.Sent) await Task.Delay(100);
        }
        status.ShouldBe(OutboxStatus.Sent);
        await _app.WithScopeAsync(async s =>
        {
            (await s.GetRequiredService<JoulesDbContext>().CapturedMails.CountAsync(m => m.Subject == "Ihr Auftrag 4711")).ShouldBe(1);
        });
    }
}
