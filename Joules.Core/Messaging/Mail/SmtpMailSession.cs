using MailKit.Net.Smtp;
using MimeKit;

namespace Joules.Core.Messaging.Mail;

/// <summary>A dedicated SMTP connection for a bulk sender (see <see cref="IMailSessionFactory"/>).</summary>
internal sealed class SmtpMailSession(SmtpEndpoint endpoint, SmtpClient client) : IMailSession
{
    private SmtpClient? _client = client;

    public string ServerKey => endpoint.Key;

    public MailboxAddress DefaultSender { get; } = new(endpoint.SenderName, endpoint.SenderAddress);

    public async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.From.Count == 0) message.From.Add(DefaultSender);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _client ??= await SmtpConnectionPool.OpenAsync(endpoint, null, ct);
                await _client.SendAsync(message, ct);
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
