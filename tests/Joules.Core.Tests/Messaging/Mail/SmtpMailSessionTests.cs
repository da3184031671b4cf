using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging;
using Joules.Core.Messaging.Mail;
using Joules.Core.Tests.Infrastructure;
using MimeKit;
using Shouldly;
using Xunit;

namespace Joules.Core.Tests.Messaging.Mail;

/// <summary>Dedicated SMTP sessions for bulk senders (<see cref="IMailSessionFactory"/>) against a real SMTP server.</summary>
public sealed class SmtpMailSessionTests
{
    private sealed class FixedEndpoint(SmtpEndpoint endpoint) : ISmtpEndpointSource
    {
        public ValueTask<SmtpEndpoint?> ResolveAsync(Guid? brandId, CancellationToken ct = default) => ValueTask.FromResult<SmtpEndpoint?>(endpoint);
        public void Invalidate(Guid brandId) { }
    }

    private static SmtpMailTransport Transport(SmtpSink sink) =>
        new(new FixedEndpoint(new SmtpEndpoint("127.0.0.1", sink.Port, SmtpTlsMode.None, null, null, "newsletter@stadtwerke.test", "Stadtwerke Test", 1)), TimeProvider.System);

    private static MimeMessage Mail(string to)
    {
        var message = new MimeMessage();
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "Spartipps im Herbst";
        message.Body = new TextPart("plain") { Text = "Guten Tag" };
        return message;
    }

    [Fact]
    public async Task Two_sessions_keep_one_connection_each_and_fill_in_the_brand_sender()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink);

        await using (var first = await transport.OpenAsync(null))
        await using (var second = await transport.OpenAsync(null))
        {
            for (var i = 0; i < 20; i++) await (i % 2 == 0 ? first : second).SendAsync(Mail($"kunde{i}@example.test"));
            first.ServerKey.ShouldBe($"127.0.0.1:{sink.Port}:");
        }

        sink.Messages.Count.ShouldBe(20);
        // Each session opened its pipelined connection first and gave it up for MailKit's at the first MIME message.
        sink.Sessions.ShouldBe(4);
        MimeMessage.Load(new MemoryStream(sink.Messages.First())).From.Mailboxes.Single().Address.ShouldBe("newsletter@stadtwerke.test");
    }

    [Fact]
    public async Task Refused_recipient_is_permanent_and_the_session_goes_on()
    {
        await using var sink = await SmtpSink.StartAsync();
        sink.RefuseRecipient = r => r.StartsWith("unbekannt", StringComparison.Ordinal);
        await using var transport = Transport(sink);
        await using var session = await transport.OpenAsync(null);

        var refused = await Should.ThrowAsync<MailDeliveryException>(() => session.SendAsync(Mail("unbekannt@example.test")));
        await session.SendAsync(Mail("anna@example.test"));

        refused.Permanent.ShouldBeTrue();
        sink.Messages.Count.ShouldBe(1);
        // The pipelined connection of the opening, then MailKit's for both MIME messages: the refusal kept it.
        sink.Sessions.ShouldBe(2);
    }

    [Fact]
    public async Task Broken_connection_is_opened_again_once()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink);
        await using var session = await transport.OpenAsync(null);
        await session.SendAsync(Mail("anna@example.test"));

        await sink.StopAsync();
        await sink.RestartAsync();
        await session.SendAsync(Mail("bernd@example.test"));

        sink.Messages.Count.ShouldBe(2);
    }
    [Fact]
    public async Task Prepared_mails_keep_one_connection_per_session()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink);

        await using (var first = await transport.OpenAsync(null))
        await using (var second = await transport.OpenAsync(null))
        {
            for (var i = 0; i < 20; i++)
            {
                var to = $"kunde{i}@example.test";
                await (i % 2 == 0 ? first : second).SendAsync(new PreparedMail("newsletter@stadtwerke.test", to,
                    System.Text.Encoding.ASCII.GetBytes($"To: {to}\r\nSubject: Spartipps\r\n\r\nGuten Tag\r\n")));
            }
        }

        sink.Messages.Count.ShouldBe(20);
        sink.Sessions.ShouldBe(2);
    }

    [Fact]
    public async Task Prepared_mail_arrives_byte_for_byte_with_dot_stuffing_undone_and_its_refusals_classified()
    {
        await using var sink = await SmtpSink.StartAsync();
        sink.RefuseRecipient = r => r.StartsWith("unbekannt", StringComparison.Ordinal);
        await using var transport = Transport(sink);
        await using var session = await transport.OpenAsync(null);
        const string body = "Guten Tag,\r\n.eine Zeile mit Punkt am Anfang\r\n.\r\nGr=C3=BC=C3=9Fe\r\n";
        var text = "From: \"Stadtwerke Test\" <newsletter@stadtwerke.test>\r\nTo: anna@example.test\r\n"
            + "Subject: =?utf-8?Q?Spartipps_f=C3=BCr_den_?=\r\n =?utf-8?Q?Herbst?=\r\nMessage-ID: <nl.1.2.abc@stadtwerke.test>\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + body;

        await session.SendAsync(new PreparedMail("newsletter@stadtwerke.test", "anna@example.test", System.Text.Encoding.ASCII.GetBytes(text)));
        var refused = await Should.ThrowAsync<MailDeliveryException>(() =>
            session.SendAsync(new PreparedMail("newsletter@stadtwerke.test", "unbekannt@example.test", System.Text.Encoding.ASCII.GetBytes(text))));

        refused.Permanent.ShouldBeTrue();
        var received = sink.Messages.ShouldHaveSingleItem();
        var raw = System.Text.Encoding.ASCII.GetString(received);
        // The server keeps the data up to the terminating dot line, without the last line end.
        raw.ShouldEndWith(body.TrimEnd());
        var message = MimeMessage.Load(new MemoryStream(received));
        message.Subject.ShouldBe("Spartipps für den Herbst");
        message.MessageId.ShouldBe("nl.1.2.abc@stadtwerke.test");
        message.From.Mailboxes.Single().Name.ShouldBe("Stadtwerke Test");
        message.TextBody.ShouldNotBeNull().ReplaceLineEndings("\n").ShouldBe("Guten Tag,\n.eine Zeile mit Punkt am Anfang\n.\nGrüße");
        message.Headers.Count(h => h.Id == HeaderId.MimeVersion).ShouldBe(1);
    }
}
