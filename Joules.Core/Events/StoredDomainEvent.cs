namespace Joules.Core.Events;

/// <summary>A domain event as stored in the event table (transactional outbox).</summary>
public sealed class StoredDomainEvent
{
    public long Id { get; set; }
    /// <summary>Type name registered in <see cref="DomainEventTypes"/>.</summary>
    public string Type { get; set; } = "";
    public string Payload { get; set; } = "";
    public Guid? BrandId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>Lease: the node processing the event until <see cref="LockedUntil"/>.</summary>
    public string? LockedBy { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LastError { get; set; }
    /// <summary>Set when retries are exhausted; an administrator can requeue.</summary>
    public bool Failed { get; set; }
}

/// <summary>Records that one handler processed one event, so a retry skips the handlers that already succeeded.</summary>
public sealed class DomainEventReceipt
{
    public long EventId { get; set; }
    public string Handler { get; set; } = "";
    public DateTimeOffset HandledAt { get; set; }
}
