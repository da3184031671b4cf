using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging;
using Joules.Core.Messaging.Mail;
using Joules.Core.Messaging.Mail.Pipelining;
using Joules.Core.Tests.Infrastructure;
using MailKit.Net.Smtp;
using MimeKit;
using Shouldly;
using Xunit;

namespace Joules.Core.Tests.Messaging.Mail;

/// <summary>Prepared mails sent in pipelined groups (RFC 2920) over a real SMTP server: order, refusals per mail, dot-stuffing,
/// login and STARTTLS.</summary>
public sealed class PipelinedSmtpTests
{
    private const string Sender = "newsletter@stadtwerke.test";

    private sealed class FixedEndpoint(SmtpEndpoint endpoint) : ISmtpEndpointSource
    {
        public ValueTask<SmtpEndpoint?> ResolveAsync(Guid? brandId, CancellationToken ct = default) => ValueTask.FromResult<SmtpEndpoint?>(endpoint);
        public void Invalidate(Guid brandId) { }
    }

    private static SmtpMailTransport Transport(SmtpSink sink, SmtpTlsMode tls = SmtpTlsMode.None, string? user = null, string? password = null) =>
        new(new FixedEndpoint(new SmtpEndpoint("127.0.0.1", sink.Port, tls, user, password, Sender, "Stadtwerke Test", 1)), TimeProvider.System);

    private static PreparedMail Mail(string to, string body = "Guten Tag\r\n") => new(Sender, to, Encoding.ASCII.GetBytes(
        $"From: {Sender}\r\nTo: {to}\r\nSubject: Spartipps\r\nMessage-ID: <{to}.1@stadtwerke.test>\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n{body}"));

    [Fact]
    public async Task A_group_goes_out_in_order_over_one_connection_and_only_the_refused_recipient_fails()
    {
        await using var sink = await SmtpSink.StartAsync();
        sink.RefuseRecipient = r => r.StartsWith("unbekannt", StringComparison.Ordinal);
        await using var transport = Transport(sink);
        await using var session = await transport.OpenAsync(null);
        string[] recipients = ["anna@example.test", "bernd@example.test", "unbekannt@example.test", "clara@example.test", "dora@example.test"];

        var outcomes = await session.SendAsync(recipients.Select(r => Mail(r)).ToList());
        var second = await session.SendAsync([Mail("emil@example.test")]);

        outcomes.Count.ShouldBe(5);
        outcomes.Where((_, i) => i != 2).ShouldAllBe(o => o == null);
        var refused = outcomes[2].ShouldNotBeNull();
        refused.Permanent.ShouldBeTrue();
        refused.InnerException.ShouldBeOfType<SmtpCommandException>().ErrorCode.ShouldBe(SmtpErrorCode.RecipientNotAccepted);
        second.ShouldHaveSingleItem().ShouldBeNull();
        sink.Messages.Select(m => MimeMessage.Load(new MemoryStream(m)).To.Mailboxes.Single().Address)
            .ShouldBe(["anna@example.test", "bernd@example.test", "clara@example.test", "dora@example.test", "emil@example.test"]);
        sink.Sessions.ShouldBe(1);
    }

    [Fact]
    public async Task Dot_lines_are_stuffed_a_missing_line_end_is_added_and_MIME_Version_appears_once()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink);
        await using var session = await transport.OpenAsync(null);
        const string body = ".erste Zeile\r\n..zwei Punkte\r\n.\r\nletzte Zeile ohne Zeilenende";

        (await session.SendAsync([Mail("anna@example.test", body)])).ShouldHaveSingleItem().ShouldBeNull();

        var raw = Encoding.ASCII.GetString(sink.Messages.ShouldHaveSingleItem());
        raw.ShouldStartWith("MIME-Version: 1.0\r\nFrom: ");
        raw.TrimEnd().ShouldEndWith("\r\n\r\n" + body);
        MimeMessage.Load(new MemoryStream(sink.Messages.Single())).Headers.Count(h => h.Id == HeaderId.MimeVersion).ShouldBe(1);
    }

    [Fact]
    public async Task Logs_in_where_the_server_requires_it_and_a_wrong_password_fails_the_session_not_a_mail()
    {
        await using var sink = await SmtpSink.StartAsync(login: ("versand", "Geheim-2026"));
        await using (var transport = Transport(sink, user: "versand", password: "Geheim-2026"))
        await using (var session = await transport.OpenAsync(null))
            (await session.SendAsync([Mail("anna@example.test"), Mail("bernd@example.test")])).ShouldAllBe(o => o == null);

        await using var wrong = Transport(sink, user: "versand", password: "falsch");
        var refused = await Should.ThrowAsync<MailDeliveryException>(() => wrong.OpenAsync(null));

        sink.Messages.Count.ShouldBe(2);
        sink.LoggedIn.ShouldBe(["versand"]);
        refused.Permanent.ShouldBeFalse();
    }

    [Fact]
    public async Task Switches_to_TLS_with_STARTTLS_before_logging_in_and_sending()
    {
        using var certificate = SelfSigned();
        await using var sink = await SmtpSink.StartAsync(login: ("versand", "Geheim-2026"), certificate: certificate);
        PipelinedSmtpConnection.CertificateValidation = (_, presented, _, errors) =>
            errors == SslPolicyErrors.None || presented?.GetCertHashString() == certificate.GetCertHashString();
        try
        {
            await using var transport = Transport(sink, SmtpTlsMode.StartTls, "versand", "Geheim-2026");
            await using var session = await transport.OpenAsync(null);
            (await session.SendAsync([Mail("anna@example.test")])).ShouldHaveSingleItem().ShouldBeNull();
        }
        finally
        {
            PipelinedSmtpConnection.CertificateValidation = null;
        }

        sink.SecureMessages.ShouldBe(1);
        sink.LoggedIn.ShouldBe(["versand"]);
    }

    [Fact]
    public async Task A_broken_connection_fails_the_group_without_a_permanent_error_and_the_next_send_connects_again()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink);
        await using var session = await transport.OpenAsync(null);
        (await session.SendAsync([Mail("anna@example.test")])).ShouldHaveSingleItem().ShouldBeNull();

        await sink.StopAsync();
        var broken = await session.SendAsync([Mail("bernd@example.test"), Mail("clara@example.test")]);
        await sink.RestartAsync();
        await session.SendAsync(Mail("bernd@example.test"));

        broken.ShouldAllBe(o => o != null && !o.Permanent);
        sink.Messages.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_server_without_PIPELINING_gets_MailKit_one_mail_at_a_time_with_the_same_outcomes()
    {
        await using var server = await PlainSmtpServer.StartAsync();
        await using var transport = new SmtpMailTransport(new FixedEndpoint(new SmtpEndpoint("127.0.0.1", server.Port, SmtpTlsMode.None, null, null,
            Sender, "Stadtwerke Test", 1)), TimeProvider.System);
        await using (var session = await transport.OpenAsync(null))
        {
            var outcomes = await session.SendAsync([Mail("anna@example.test"), Mail("unbekannt@example.test"), Mail("bernd@example.test")]);

            outcomes[0].ShouldBeNull();
            outcomes[1].ShouldNotBeNull().Permanent.ShouldBeTrue();
            outcomes[1]!.InnerException.ShouldBeOfType<SmtpCommandException>().ErrorCode.ShouldBe(SmtpErrorCode.RecipientNotAccepted);
            outcomes[2].ShouldBeNull();
        }

        server.Messages.Select(m => MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(m))).To.Mailboxes.Single().Address)
            .ShouldBe(["anna@example.test", "bernd@example.test"]);
        // The pipelined path looked at the server's EHLO answer and said QUIT; MailKit's connection sent the mails.
        server.Connections.ShouldBe(2);
    }

    /// <summary>A minimal SMTP server that announces no extension but 8BITMIME (so no PIPELINING) and refuses recipients
    /// starting with "unbekannt".</summary>
    private sealed class PlainSmtpServer : IAsyncDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private Task _accepting = Task.CompletedTask;
        private int _connections;

        public int Port => ((System.Net.IPEndPoint)_listener.LocalEndpoint).Port;
        public int Connections => Volatile.Read(ref _connections);
        public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

        public static Task<PlainSmtpServer> StartAsync()
        {
            var server = new PlainSmtpServer();
            server._listener.Start();
            server._accepting = server.AcceptAsync();
            return Task.FromResult(server);
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    _ = Task.Run(() => SessionAsync(client));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { }
        }

        private async Task SessionAsync(System.Net.Sockets.TcpClient client)
        {
            using var _ = client;
            using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            try
            {
                await writer.WriteLineAsync("220 plain.test ESMTP");
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Split(' ', ':')[0].ToUpperInvariant();
                    if (verb == "EHLO") await writer.WriteAsync("250-plain.test\r\n250 8BITMIME\r\n");
                    else if (verb == "RCPT" && line.Contains("<unbekannt", StringComparison.Ordinal)) await writer.WriteLineAsync("550 5.1.1 no such user");
                    else if (verb == "DATA")
                    {
                        await writer.WriteLineAsync("354 go ahead");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        Messages.Enqueue(data.ToString());
                        await writer.WriteLineAsync("250 2.0.0 queued");
                    }
                    else if (verb == "QUIT")
                    {
                        await writer.WriteLineAsync("221 bye");
                        return;
                    }
                    else await writer.WriteLineAsync("250 OK");
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=sink.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Exported and loaded again so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
