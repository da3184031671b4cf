using MailKit.Net.Smtp;
using MimeKit;

namespace Joules.Core.Messaging.Mail;

/// <summary>A dedicated SMTP connection for a bulk sender (see <see cref="IMailSessionFactory"/>).</summary>
internal sealed class SmtpMailSession(SmtpEndpoint endpoint, SmtpClient client) : IMailSession
{
    private SmtpClient? _client = client;

    public string ServerKey => endpoint.Key;

    public MailboxAddress DefaultSender { get; } = new(endpoint.SenderName, endpoint.SenderAddress);

    public Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.From.Count == 0) message.From.Add(DefaultSender);
        return SendAsync(client => client.SendAsync(message, ct), ct);
    }

    public Task SendAsync(PreparedMail mail, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = PreparedMailMessage.Wrap(mail);
        MailboxAddress[] recipients = [new MailboxAddress("", mail.Recipient)];
        var sender = new MailboxAddress("", mail.Sender);
        return SendAsync(client => client.SendAsync(Format, message, sender, recipients, ct), ct);
    }

    // As MailKit's default for SMTP; prepared mails are 7-bit, so nothing international is needed.
    private static readonly FormatOptions Format = CreateFormat();

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    private async Task SendAsync(Func<SmtpClient, Task> send, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _client ??= await SmtpConnectionPool.OpenAsync(endpoint, null, ct);
                await send(_client);
                return;
            }
            catch (OperationCanceledException)
            {
                Drop();
                throw;
            }
            catch (SmtpCommandException ex) when (ex.StatusCode != SmtpStatusCode.ServiceNotAvailable)
            {
                // The server answered: the connection is fine, the message is not.
                throw SmtpConnectionPool.Classify(ex, endpoint);
            }
            catch (Exception ex)
            {
                Drop();
                if (attempt == 0 && ex is not MailDeliveryException) continue;
                throw SmtpConnectionPool.Classify(ex, endpoint);
            }
        }
    }

    private void Drop()
    {
        _client?.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is null) return;
        try { if (_client.IsConnected) await _client.DisconnectAsync(true); }
        catch (Exception) { /* closing anyway */ }
        Drop();
    }
}
