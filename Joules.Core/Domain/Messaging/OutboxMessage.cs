namespace Joules.Core.Domain.Messaging;

/// <summary>The channel a message goes out on.</summary>
public enum MessageChannel
{
    Mail,
    Messenger,
    Sms,
}

/// <summary>Where a message is in the outbox.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent (again, after <see cref="OutboxMessage.NextAttemptAt"/>).</summary>
    Queued,
    /// <summary>Claimed by a sender; if the process dies, the claim expires and the message is sent once by the next claim
    /// (the idempotency key tells whether it already went out).</summary>
    Sending,
    Sent,
    /// <summary>Given up (after the last retry, or refused for good, e.g. an invalid recipient); see <see cref="OutboxMessage.LastError"/>.</summary>
    Failed,
}

/// <summary>What the receiving side reported after a message was handed over (SMS delivery reports, mail bounces).</summary>
public enum DeliveryState
{
    /// <summary>No report (yet); for mail usually the last word.</summary>
    Unknown,
    /// <summary>The gateway or mailbox confirmed delivery to the recipient.</summary>
    Delivered,
    /// <summary>Delivery failed after hand-over for good (unknown number, hard bounce); see <see cref="OutboxMessage.DeliveryDetail"/>.</summary>
    Undeliverable,
    /// <summary>Delivery failed for now (handset off, mailbox full); the gateway may report again.</summary>
    Deferred,
}

/// <summary>A message committed in the same transaction as the business change that caused it, then sent by the outbox
/// job with retries and exponential back-off. The content is rendered when the message is queued, so what is sent is
/// what was decided then.</summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public static OutboxMessage Create(MessageChannel channel, Guid? brandId, string idempotencyKey, string to, string subject,
        string? htmlBody, string textBody, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        Channel = channel,
        BrandId = brandId,
        IdempotencyKey = idempotencyKey,
        To = to,
        Subject = subject,
        HtmlBody = htmlBody,
        TextBody = textBody,
        Status = OutboxStatus.Queued,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public Guid Id { get; private set; }
    public MessageChannel Channel { get; private set; }

    /// <summary>The brand whose settings (SMTP server, sender) are used; null for system messages.</summary>
    public Guid? BrandId { get; private set; }

    /// <summary>Unique: the same business fact never queues two messages, and a sender that crashed after sending does
    /// not send again (the key goes into the message id header).</summary>
    public string IdempotencyKey { get; private set; } = "";

    /// <summary>Recipients: mail addresses (comma-separated), a webhook channel id or an E.164 phone number.</summary>
    public string To { get; private set; } = "";
    public string? Cc { get; set; }
    public string Subject { get; private set; } = "";
    public string? HtmlBody { get; private set; }
    public string TextBody { get; private set; } = "";

    /// <summary>The template and its version the content was rendered from (null for messages written in code).</summary>
    public Guid? TemplateId { get; set; }
    public int? TemplateVersion { get; set; }

    /// <summary>What queued the message, e.g. "rule:&lt;id&gt;" or "newsletter:&lt;campaign&gt;".</summary>
    public string? Source { get; set; }

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LockedBy { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LastError { get; set; }

    /// <summary>The id the gateway gave the message on hand-over (set by the channel sender); delivery reports refer to it.</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>The last delivery report for the message.</summary>
    public DeliveryState DeliveryState { get; set; }
    public DateTimeOffset? DeliveryReportedAt { get; set; }

    /// <summary>The gateway's words for the last report (status code or reason), for the outbox page.</summary>
    public string? DeliveryDetail { get; set; }
}
