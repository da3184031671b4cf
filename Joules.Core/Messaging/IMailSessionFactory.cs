using MimeKit;

namespace Joules.Core.Messaging;

/// <summary>Opens dedicated SMTP connections for bulk senders (newsletters): each worker keeps one session for the
/// whole run instead of sharing the transport's pool with transactional mail.</summary>
public interface IMailSessionFactory
{
    /// <summary>Connects (and authenticates) to the brand's SMTP server, the same one <see cref="IMailTransport"/> uses.</summary>
    /// <exception cref="MailDeliveryException">No server is configured or it cannot be reached.</exception>
    Task<IMailSession> OpenAsync(Guid? brandId, CancellationToken ct = default);
}

/// <summary>One connected SMTP session. Not thread-safe: one sender at a time.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <summary>Identifies the server and account (host, port, user): rate limits apply per server.</summary>
    string ServerKey { get; }

    /// <summary>The sender used for messages without From.</summary>
    MailboxAddress DefaultSender { get; }

    /// <summary>Sends one message over this session; a broken connection is re-opened once before the message fails.</summary>
    /// <exception cref="MailDeliveryException">The server refused the message (<see cref="MailDeliveryException.Permanent"/>
    /// for 5xx) or could not be reached.</exception>
    Task SendAsync(MimeMessage message, CancellationToken ct = default);

    /// <summary>Sends a message serialised by the caller (no MIME building, no re-encoding), with the same retry and
    /// errors as <see cref="SendAsync(MimeMessage, CancellationToken)"/>.</summary>
    Task SendAsync(PreparedMail mail, CancellationToken ct = default);
}
