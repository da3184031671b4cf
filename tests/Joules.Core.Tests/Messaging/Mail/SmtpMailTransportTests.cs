using System.Net.Sockets;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging;
using Joules.Core.Messaging.Mail;
using Joules.Core.Tests.Infrastructure;
using MimeKit;
using Shouldly;
using Xunit;

namespace Joules.Core.Tests.Messaging.Mail;

public sealed class SmtpMailTransportTests
{
    private sealed class FixedEndpoint(SmtpEndpoint endpoint) : ISmtpEndpointSource
    {
        public ValueTask<SmtpEndpoint?> ResolveAsync(Guid? brandId, CancellationToken ct = default) => ValueTask.FromResult<SmtpEndpoint?>(endpoint);
        public void Invalidate(Guid brandId) { }
    }

    private static SmtpMailTransport Transport(SmtpSink sink, int maxConnections = 4) =>
        new(new FixedEndpoint(new SmtpEndpoint("127.0.0.1", sink.Port, SmtpTlsMode.None, null, null, "vertrieb@stadtwerke.test", "Stadtwerke Test", maxConnections)), TimeProvider.System);

    private static MimeMessage Mail(string to, string subject = "Ihre Vertragsbestätigung")
    {
        var message = new MimeMessage();
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new BodyBuilder { TextBody = "Guten Tag, Ihr Vertrag ist bestätigt.", HtmlBody = "<p>Guten Tag, Ihr <b>Vertrag</b> ist bestätigt.</p>" }.ToMessageBody();
        return message;
    }

    [Fact]
    public async Task Delivers_subject_both_parts_recipients_and_the_brand_sender()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink);
        var mail = Mail("anna.kunde@example.test");
        mail.Cc.Add(MailboxAddress.Parse("akte@example.test"));

        await transport.SendAsync(mail, brandId: null);

        var received = MimeMessage.Load(new MemoryStream(sink.Messages.Single()));
        received.Subject.ShouldBe("Ihre Vertragsbestätigung");
        received.To.Mailboxes.Single().Address.ShouldBe("anna.kunde@example.test");
        received.Cc.Mailboxes.Single().Address.ShouldBe("akte@example.test");
        received.From.Mailboxes.Single().Address.ShouldBe("vertrieb@stadtwerke.test");
        received.From.Mailboxes.Single().Name.ShouldBe("Stadtwerke Test");
        (received.TextBody ?? "").ShouldContain("Ihr Vertrag ist bestätigt");
        (received.HtmlBody ?? "").ShouldContain("<b>Vertrag</b>");
    }

    [Fact]
    public async Task Reuses_one_connection_for_a_hundred_messages()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink, maxConnections: 1);

        for (var i = 0; i < 100; i++) await transport.SendAsync(Mail($"kunde{i}@example.test", $"Mail {i}"), null);

        sink.Messages.Count.ShouldBe(100);
        sink.Sessions.ShouldBe(1);
    }

    [Fact]
    public async Task Connects_with_Nagle_switched_off()
    {
        SmtpConnectionPool.CreateSocket().NoDelay.ShouldBeTrue();
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink);
        var sockets = new List<Socket>();
        transport.SocketConnected = sockets.Add;

        await transport.SendAsync(Mail("anna.kunde@example.test"), null);

        sockets.Count.ShouldBe(1);
        sockets[0].NoDelay.ShouldBeTrue();
    }

    [Fact]
    public async Task Server_down_is_transient_and_the_next_send_reconnects()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink, maxConnections: 1);
        await transport.SendAsync(Mail("eins@example.test"), null);

        await sink.StopAsync();
        var down = await Should.ThrowAsync<MailDeliveryException>(() => transport.SendAsync(Mail("zwei@example.test"), null));
        down.Permanent.ShouldBeFalse();

        await sink.RestartAsync();
        await transport.SendAsync(Mail("drei@example.test"), null);

        sink.Messages.Select(m => MimeMessage.Load(new MemoryStream(m)).To.Mailboxes.Single().Address)
            .ShouldBe(["eins@example.test", "drei@example.test"]);
    }

    [Fact]
    public async Task Refused_recipient_is_permanent()
    {
        await using var sink = await SmtpSink.StartAsync();
        sink.RefuseRecipient = to => to.StartsWith("gibtsnicht", StringComparison.Ordinal);
        await using var transport = Transport(sink);

        var refused = await Should.ThrowAsync<MailDeliveryException>(() => transport.SendAsync(Mail("gibtsnicht@example.test"), null));

        refused.Permanent.ShouldBeTrue();
        await transport.SendAsync(Mail("anna.kunde@example.test"), null);
        sink.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Unreachable_server_fails_the_connection_test_with_a_reason()
    {
        await using var sink = await SmtpSink.StartAsync();
        var port = sink.Port;
        await sink.StopAsync();

        var error = await SmtpMailTransport.TestConnectionAsync(new SmtpEndpoint("127.0.0.1", port, SmtpTlsMode.None, null, null, "a@b.test", "", 1));

        error.ShouldNotBeNull();
        error.ShouldContain($"127.0.0.1:{port}");
        await sink.RestartAsync();
        (await SmtpMailTransport.TestConnectionAsync(new SmtpEndpoint("127.0.0.1", port, SmtpTlsMode.None, null, null, "a@b.test", "", 1))).ShouldBeNull();
    }
}
