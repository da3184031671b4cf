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

    /// <summary>Sends prepared mails in order. Where the server allows command pipelining (RFC 2920), each message's content
    /// goes out together with the next message's envelope, so a mail costs one round trip instead of two.</summary>
    /// <returns>One entry per mail: null if the server accepted it, else the error <see cref="SendAsync(PreparedMail,
    /// CancellationToken)"/> would have thrown. A connection that fails part-way gives the mails not yet answered a
    /// non-permanent error and is opened again on the next call (no retry inside the call).</returns>
    Task<IReadOnlyList<MailDeliveryException?>> SendAsync(IReadOnlyList<PreparedMail> mails, CancellationToken ct = default);
}
