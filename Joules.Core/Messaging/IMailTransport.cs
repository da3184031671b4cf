using MimeKit;

namespace Joules.Core.Messaging;

/// <summary>Sends a finished MIME message over SMTP: through the brand's mail server (<see cref="Domain.Messaging.SmtpSettings"/>),
/// or — when none is configured — through the host's default server or its built-in development mailbox. Connections are
/// pooled and reused across messages.</summary>
public interface IMailTransport
{
    /// <summary>Sends <paramref name="message"/>; a missing From is filled with the brand's sender.</summary>
    /// <exception cref="MailDeliveryException">The server refused the message or could not be reached; <see cref="MailDeliveryException.Permanent"/>
    /// tells whether a retry can help.</exception>
    Task SendAsync(MimeMessage message, Guid? brandId, CancellationToken ct = default);
}

/// <summary>A message could not be delivered to the SMTP server.</summary>
public sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True if retrying cannot help (e.g. a recipient refused with a 5xx answer).</summary>
    public bool Permanent { get; } = permanent;
}
