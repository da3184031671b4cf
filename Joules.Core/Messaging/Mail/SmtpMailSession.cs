using System.Net.Sockets;
using Joules.Core.Messaging.Mail.Pipelining;
using MailKit.Net.Smtp;
using MimeKit;

namespace Joules.Core.Messaging.Mail;

/// <summary>A dedicated SMTP connection for a bulk sender (see <see cref="IMailSessionFactory"/>). Prepared mails go over a
/// <see cref="PipelinedSmtpConnection"/> when the server announces PIPELINING (one round trip per mail); otherwise, and
/// for MIME messages (in a newsletter: recipients whose address needs SMTPUTF8), MailKit's client is used. A session holds
/// one connection at a time: switching between the two ways closes the other one.</summary>
internal sealed class SmtpMailSession : IMailSession
{
    private readonly SmtpEndpoint _endpoint;
    private readonly Action<Socket>? _socketConnected;
    private readonly bool _pipelining;
    private PipelinedSmtpConnection? _pipe;
    private SmtpClient? _client;

    private SmtpMailSession(SmtpEndpoint endpoint, Action<Socket>? socketConnected, PipelinedSmtpConnection? pipe, SmtpClient? client)
    {
        _endpoint = endpoint;
        _socketConnected = socketConnected;
        _pipelining = pipe is not null;
        _pipe = pipe;
        _client = client;
        DefaultSender = new MailboxAddress(endpoint.SenderName, endpoint.SenderAddress);
    }

    /// <summary>Connects: pipelined if the server allows it, else through MailKit.</summary>
    public static async Task<SmtpMailSession> OpenAsync(SmtpEndpoint endpoint, Action<Socket>? socketConnected, CancellationToken ct)
    {
        if (await PipelinedSmtpConnection.OpenAsync(endpoint, socketConnected, ct) is { } pipe)
            return new SmtpMailSession(endpoint, socketConnected, pipe, null);
        return new SmtpMailSession(endpoint, socketConnected, null, await SmtpConnectionPool.OpenAsync(endpoint, socketConnected, ct));
    }

    public string ServerKey => _endpoint.Key;

    public MailboxAddress DefaultSender { get; }

    public async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.From.Count == 0) message.From.Add(DefaultSender);
        await DropPipeAsync();
        await SendWithClientAsync(client => client.SendAsync(message, ct), ct);
    }

    public async Task SendAsync(PreparedMail mail, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (!_pipelining)
        {
            await SendWithClientAsync(client => client.SendAsync(Format, PreparedMailMessage.Wrap(mail), new MailboxAddress("", mail.Sender),
                [new MailboxAddress("", mail.Recipient)], ct), ct);
            return;
        }
        for (var attempt = 0; ; attempt++)
        {
            var outcome = (await SendPipelinedAsync([mail], ct))[0];
            if (outcome is null) return;
            // A broken connection is opened again once; the server's refusal of this mail is final for this call.
            if (attempt == 0 && _pipe is null) continue;
            throw outcome;
        }
    }

    public async Task<IReadOnlyList<MailDeliveryException?>> SendAsync(IReadOnlyList<PreparedMail> mails, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(mails);
        if (_pipelining) return await SendPipelinedAsync(mails, ct);
        var outcomes = new MailDeliveryException?[mails.Count];
        for (var i = 0; i < mails.Count; i++)
        {
            try { await SendAsync(mails[i], ct); }
            catch (MailDeliveryException e) { outcomes[i] = e; }
        }
        return outcomes;
    }

    private async Task<MailDeliveryException?[]> SendPipelinedAsync(IReadOnlyList<PreparedMail> mails, CancellationToken ct)
    {
        if (_pipe is null)
        {
            await DisconnectClientAsync();
            try
            {
                _pipe = await PipelinedSmtpConnection.OpenAsync(_endpoint, _socketConnected, ct)
                    ?? throw new MailDeliveryException(Domain.Common.CoreText.Format("Mail.Unreachable", _endpoint, "PIPELINING"), permanent: false);
            }
            catch (MailDeliveryException e)
            {
                return [.. mails.Select(_ => e)];
            }
        }
        try
        {
            var outcomes = await _pipe.SendAsync(mails, ct);
            if (!_pipe.IsUsable) await DropPipeAsync();
            return outcomes;
        }
        catch (OperationCanceledException)
        {
            await DropPipeAsync();
            throw;
        }
    }

    private async Task DropPipeAsync()
    {
        if (_pipe is null) return;
        await _pipe.DisposeAsync();
        _pipe = null;
    }

    // As MailKit's default for SMTP; prepared mails are 7-bit, so nothing international is needed.
    private static readonly FormatOptions Format = CreateFormat();

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    private async Task SendWithClientAsync(Func<SmtpClient, Task> send, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _client ??= await SmtpConnectionPool.OpenAsync(_endpoint, _socketConnected, ct);
                await send(_client);
                return;
            }
            catch (OperationCanceledException)
            {
                DropClient();
                throw;
            }
            catch (SmtpCommandException ex) when (ex.StatusCode != SmtpStatusCode.ServiceNotAvailable)
            {
                // The server answered: the connection is fine, the message is not.
                throw SmtpConnectionPool.Classify(ex, _endpoint);
            }
            catch (Exception ex)
            {
                DropClient();
                if (attempt == 0 && ex is not MailDeliveryException) continue;
                throw SmtpConnectionPool.Classify(ex, _endpoint);
            }
        }
    }

    private void DropClient()
    {
        _client?.Dispose();
        _client = null;
    }

    private async Task DisconnectClientAsync()
    {
        if (_client is null) return;
        try { if (_client.IsConnected) await _client.DisconnectAsync(true); }
        catch (Exception) { /* closing anyway */ }
        DropClient();
    }

    public async ValueTask DisposeAsync()
    {
        await DropPipeAsync();
        await DisconnectClientAsync();
    }
}
