namespace Joules.Core.Domain.Messaging;

/// <summary>A mail received by the built-in development mailbox (the local SMTP sink used when no SMTP server is
/// configured), kept as raw MIME for the "Sent mail" page.</summary>
public sealed class CapturedMail
{
    private CapturedMail() { }

    public static CapturedMail Create(string from, string to, string subject, byte[] mime, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), From = from, To = to, Subject = subject, Mime = mime, ReceivedAt = now,
    };

    public Guid Id { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public byte[] Mime { get; private set; } = [];
}
