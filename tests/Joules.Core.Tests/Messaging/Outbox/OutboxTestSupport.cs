using Joules.Core.Messaging;
using MimeKit;

namespace Joules.Core.Tests.Messaging.Outbox;

/// <summary>Records sent messages; can be switched to "server down" (transient) or "refuses" (permanent).</summary>
internal sealed class FakeMailTransport : IMailTransport
{
    public List<MimeMessage> Sent { get; } = [];
    public bool Down { get; set; }
    public bool Refuses { get; set; }

    public Task SendAsync(MimeMessage message, Guid? brandId, CancellationToken ct = default)
    {
        if (Down) throw new MailDeliveryException("Connection refused (smtp.example.test:25)", permanent: false);
        if (Refuses) throw new MailDeliveryException("550 5.1.1 Mailbox unknown", permanent: true);
        lock (Sent) Sent.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow.AddMinutes(1); // messages are queued with the real clock just before
    public override DateTimeOffset GetUtcNow() => Now;
}
