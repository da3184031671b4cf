using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Joules.Core.Messaging.Mail.Pipelining;

/// <summary>An SMTP connection for bulk sending of prepared mails with command pipelining (RFC 2920): a message's content
/// goes out together with the next message's envelope (MAIL FROM, RCPT TO, DATA), so each mail costs one round trip
/// instead of two, and no MIME objects are built. It speaks only what that needs: TLS (on connect or STARTTLS), AUTH PLAIN
/// or LOGIN, and servers that announce PIPELINING. <see cref="OpenAsync"/> returns null for any other server; the session
/// then uses MailKit.</summary>
internal sealed class PipelinedSmtpConnection : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private readonly SmtpEndpoint _endpoint;
    private Stream _stream;
    private PipeReader _input;
    private PipeWriter _output;
    private SmtpReplyReader _replies;
    private bool _broken;

    private PipelinedSmtpConnection(SmtpEndpoint endpoint, Stream stream)
    {
        _endpoint = endpoint;
        _stream = stream;
        (_input, _output, _replies) = Attach(stream);
    }

    /// <summary>False once the connection failed; it must be replaced.</summary>
    public bool IsUsable => !_broken;

    /// <summary>Connects, greets, secures and authenticates. Returns null (after QUIT) if the server lacks PIPELINING or
    /// offers no authentication this class speaks.</summary>
    /// <exception cref="MailDeliveryException">The server cannot be reached, refuses the login or breaks the protocol.</exception>
    public static async Task<PipelinedSmtpConnection?> OpenAsync(SmtpEndpoint endpoint, Action<Socket>? socketConnected, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReplyTimeout);
        var socket = SmtpConnectionPool.CreateSocket();
        PipelinedSmtpConnection? connection = null;
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token).ConfigureAwait(false);
            socketConnected?.Invoke(socket);
            var local = socket.LocalEndPoint as IPEndPoint;
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            var security = SmtpConnectionPool.SocketOptions(endpoint);
            if (security == SecureSocketOptions.SslOnConnect) stream = await SecureAsync(stream, endpoint.Host, timeout.Token).ConfigureAwait(false);
            connection = new PipelinedSmtpConnection(endpoint, stream);
            var ready = await connection.StartAsync(security, Helo(local), timeout.Token).ConfigureAwait(false);
            if (ready) return connection;
            await connection.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
            else socket.Dispose();
            throw e as MailDeliveryException ?? SmtpConnectionPool.Classify(e, endpoint);
        }
    }

    private async Task<bool> StartAsync(SecureSocketOptions security, string helo, CancellationToken ct)
    {
        Expect(await _replies.ReadAsync(ct).ConfigureAwait(false), 220);
        var extensions = await EhloAsync(helo, ct).ConfigureAwait(false);
        if (security == SecureSocketOptions.StartTls || (security == SecureSocketOptions.StartTlsWhenAvailable && extensions.StartTls))
        {
            if (!extensions.StartTls) return false;   // MailKit gives the usual error
            Expect(await ExchangeAsync("STARTTLS", ct).ConfigureAwait(false), 220);
            await _input.CompleteAsync().ConfigureAwait(false);
            await _output.CompleteAsync().ConfigureAwait(false);
            _stream = await SecureAsync(_stream, _endpoint.Host, ct).ConfigureAwait(false);
            (_input, _output, _replies) = Attach(_stream);
            extensions = await EhloAsync(helo, ct).ConfigureAwait(false);
        }
        if (!string.IsNullOrEmpty(_endpoint.UserName))
        {
            if (extensions.AuthPlain) await AuthPlainAsync(ct).ConfigureAwait(false);
            else if (extensions.AuthLogin) await AuthLoginAsync(ct).ConfigureAwait(false);
            else return false;
        }
        return extensions.Pipelining;
    }

    /// <summary>Sends <paramref name="mails"/> in order, each message's content followed by the next envelope in the
    /// same write. Returns one entry per mail: null if the server accepted it, else why not (5xx permanent). If the
    /// connection fails, the mails not yet answered get that failure and the connection is no longer usable.</summary>
    public async Task<MailDeliveryException?[]> SendAsync(IReadOnlyList<PreparedMail> mails, CancellationToken ct)
    {
        var results = new MailDeliveryException?[mails.Count];
        if (mails.Count == 0) return results;
        if (_broken) throw new InvalidOperationException("The connection is broken.");
        foreach (var mail in mails)
        {
            CheckAddress(mail.Sender);
            CheckAddress(mail.Recipient);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReplyTimeout + TimeSpan.FromSeconds(mails.Count));
        var index = 0;
        try
        {
            var reset = false;
            WriteEnvelope(mails[0]);
            await FlushAsync(timeout.Token).ConfigureAwait(false);
            for (; index < mails.Count; index++)
            {
                var mail = mails[index];
                if (reset) await ReadAsync(timeout.Token).ConfigureAwait(false);   // RSET's answer: the transaction is clean either way
                var from = await ReadAsync(timeout.Token).ConfigureAwait(false);
                var to = await ReadAsync(timeout.Token).ConfigureAwait(false);
                var data = await ReadAsync(timeout.Token).ConfigureAwait(false);
                var refused = !from.IsPositive ? Refusal(SmtpErrorCode.SenderNotAccepted, from, mail.Sender)
                    : !to.IsPositive ? Refusal(SmtpErrorCode.RecipientNotAccepted, to, mail.Recipient)
                    : null;
                var hasNext = index + 1 < mails.Count;
                if (data.Code == 354)
                {
                    // A server that takes DATA after refusing the envelope gets an empty message, which ends the transaction.
                    if (refused is null) SmtpDataWriter.Write(_output, mail.Content.Span);
                    else _output.Write(".\r\n"u8);
                    reset = false;
                    if (hasNext) WriteEnvelope(mails[index + 1]);
                    await FlushAsync(timeout.Token).ConfigureAwait(false);
                    var end = await ReadAsync(timeout.Token).ConfigureAwait(false);
                    results[index] = refused ?? (end.IsPositive ? null : Refusal(SmtpErrorCode.MessageNotAccepted, end, null));
                }
                else
                {
                    results[index] = refused ?? Refusal(SmtpErrorCode.MessageNotAccepted, data, null);
                    // The sender may have been taken: start the next transaction clean.
                    reset = true;
                    if (hasNext)
                    {
                        _output.Write("RSET\r\n"u8);
                        WriteEnvelope(mails[index + 1]);
                        await FlushAsync(timeout.Token).ConfigureAwait(false);
                    }
                }
            }
            if (reset)
            {
                _output.Write("RSET\r\n"u8);
                await FlushAsync(timeout.Token).ConfigureAwait(false);
                await ReadAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller gave up: what the server did with the mail under way is unknown, and so is the connection's state.
            _broken = true;
            throw;
        }
        catch (Exception e)
        {
            _broken = true;
            var failure = SmtpConnectionPool.Classify(e is OperationCanceledException ? new TimeoutException("The server did not answer in time.", e) : e, _endpoint);
            for (var i = index; i < results.Length; i++) results[i] = failure;
        }
        return results;
    }

    private void WriteEnvelope(PreparedMail mail)
    {
        WriteCommand("MAIL FROM:<", mail.Sender, ">\r\n");
        WriteCommand("RCPT TO:<", mail.Recipient, ">\r\n");
        _output.Write("DATA\r\n"u8);
    }

    /// <summary>Prepared mails carry plain ASCII addresses (the composer leaves others to MimeKit's SMTPUTF8 way).</summary>
    private static void CheckAddress(string address)
    {
        if (address.Length == 0 || !Ascii.IsValid(address) || address.AsSpan().ContainsAny("\r\n<> "))
            throw new ArgumentException($"Not a plain ASCII address: {address}", nameof(address));
    }

    private void WriteCommand(string verb, string argument, string end)
    {
        var span = _output.GetSpan(verb.Length + argument.Length + end.Length);
        var written = Encoding.ASCII.GetBytes(verb, span);
        written += Encoding.ASCII.GetBytes(argument, span[written..]);
        written += Encoding.ASCII.GetBytes(end, span[written..]);
        _output.Advance(written);
    }

    private async ValueTask<SmtpReply> ReadAsync(CancellationToken ct)
    {
        var reply = await _replies.ReadAsync(ct).ConfigureAwait(false);
        // 421: the server is closing the connection; whatever was not answered yet was not taken.
        if (reply.Code == 421) throw new SmtpProtocolViolation(reply.ToString());
        return reply;
    }

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        var flushed = await _output.FlushAsync(ct).ConfigureAwait(false);
        if (flushed.IsCompleted) throw new SmtpProtocolViolation("The server closed the connection.");
    }

    /// <summary>The server's refusal as MailKit reports it, so callers classify both ways alike (5xx permanent; a refused
    /// recipient is a hard bounce).</summary>
    private MailDeliveryException Refusal(SmtpErrorCode code, SmtpReply reply, string? mailbox) => SmtpConnectionPool.Classify(
        mailbox is null
            ? new SmtpCommandException(code, (SmtpStatusCode)reply.Code, reply.Text)
            : new SmtpCommandException(code, (SmtpStatusCode)reply.Code, new MailboxAddress("", mailbox), reply.Text),
        _endpoint);

    private async Task<Extensions> EhloAsync(string helo, CancellationToken ct) =>
        Extensions.Parse(Expect(await ExchangeAsync($"EHLO {helo}", ct).ConfigureAwait(false), 250).Text);

    /// <summary>One command of the opening (greeting, TLS, login), answered before the next one is sent.</summary>
    private async Task<SmtpReply> ExchangeAsync(string line, CancellationToken ct)
    {
        _output.Write(Encoding.ASCII.GetBytes(line + "\r\n"));
        await FlushAsync(ct).ConfigureAwait(false);
        return await _replies.ReadAsync(ct).ConfigureAwait(false);
    }

    private Task AuthPlainAsync(CancellationToken ct)
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{_endpoint.UserName}\0{_endpoint.Password}"));
        return LoginStepAsync($"AUTH PLAIN {token}", 235, ct);
    }

    private async Task AuthLoginAsync(CancellationToken ct)
    {
        await LoginStepAsync("AUTH LOGIN", 334, ct).ConfigureAwait(false);
        await LoginStepAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(_endpoint.UserName ?? "")), 334, ct).ConfigureAwait(false);
        await LoginStepAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(_endpoint.Password ?? "")), 235, ct).ConfigureAwait(false);
    }

    /// <summary>A refused login is reported as MailKit reports it: an authentication failure, not a refused message.</summary>
    private async Task LoginStepAsync(string line, int expected, CancellationToken ct)
    {
        var reply = await ExchangeAsync(line, ct).ConfigureAwait(false);
        if (reply.Code != expected) throw new AuthenticationException(reply.Text);
    }

    private static SmtpReply Expect(SmtpReply reply, int code)
    {
        if (reply.Code == code) return reply;
        // The log-in and greeting steps: a refusal there is about the server or account, never about a message.
        throw new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, (SmtpStatusCode)reply.Code, reply.Text);
    }

    /// <summary>Replaces the system's check of the server certificate (tests with their own certificate); null in the product.</summary>
    internal static RemoteCertificateValidationCallback? CertificateValidation { get; set; }

    private static async Task<Stream> SecureAsync(Stream stream, string host, CancellationToken ct)
    {
        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = host,
            RemoteCertificateValidationCallback = CertificateValidation,
        }, ct).ConfigureAwait(false);
        return tls;
    }

    private static (PipeReader, PipeWriter, SmtpReplyReader) Attach(Stream stream)
    {
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        return (input, output, new SmtpReplyReader(input));
    }

    /// <summary>The client's name in EHLO: its address as a literal (always valid, unlike many host names).</summary>
    private static string Helo(IPEndPoint? local) => local is null ? "[127.0.0.1]"
        : local.AddressFamily == AddressFamily.InterNetworkV6 ? $"[IPv6:{local.Address}]" : $"[{local.Address}]";

    public async ValueTask DisposeAsync()
    {
        if (!_broken)
        {
            _broken = true;
            try
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                _output.Write("QUIT\r\n"u8);
                await _output.FlushAsync(quit.Token).ConfigureAwait(false);
                await _replies.ReadAsync(quit.Token).ConfigureAwait(false);
            }
            catch (Exception) { /* closing anyway */ }
        }
        await _input.CompleteAsync().ConfigureAwait(false);
        await _output.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>What the server announced in its EHLO reply.</summary>
    private readonly record struct Extensions(bool Pipelining, bool StartTls, bool AuthPlain, bool AuthLogin)
    {
        public static Extensions Parse(string text)
        {
            var result = new Extensions();
            foreach (var line in text.Split('\n'))
            {
                var words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0) continue;
                var keyword = words[0].ToUpperInvariant();
                if (keyword == "PIPELINING") result = result with { Pipelining = true };
                else if (keyword == "STARTTLS") result = result with { StartTls = true };
                else if (keyword is "AUTH" or "AUTH=PLAIN" or "AUTH=LOGIN")
                {
                    var mechanisms = words.Skip(keyword == "AUTH" ? 1 : 0).Select(w => w.ToUpperInvariant().Replace("AUTH=", "")).ToHashSet();
                    result = result with { AuthPlain = result.AuthPlain || mechanisms.Contains("PLAIN"), AuthLogin = result.AuthLogin || mechanisms.Contains("LOGIN") };
                }
            }
            return result;
        }
    }
}
