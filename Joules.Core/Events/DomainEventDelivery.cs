namespace Joules.Core.Events;

/// <summary>The stored event a handler is being called for. Handlers that must tell two equal-looking events apart
/// (the same status change made twice) use <see cref="Current"/>'s <see cref="EventId"/>: it is the same on every
/// redelivery of one event and different for every other event.</summary>
/// <param name="EventId">The id of the stored event.</param>
/// <param name="OccurredAt">When the change that raised the event was saved.</param>
public sealed record DomainEventDelivery(long EventId, DateTimeOffset OccurredAt)
{
    private static readonly AsyncLocal<DomainEventDelivery?> Ambient = new();

    /// <summary>The delivery in progress on this async flow, or null outside the dispatcher (e.g. a rule test).</summary>
    public static DomainEventDelivery? Current => Ambient.Value;

    /// <summary>Sets <see cref="Current"/> until the returned scope is disposed (used by the dispatcher and by tests).</summary>
    public static IDisposable Begin(long eventId, DateTimeOffset occurredAt)
    {
        var previous = Ambient.Value;
        Ambient.Value = new DomainEventDelivery(eventId, occurredAt);
        return new Restore(previous);
    }

    private sealed class Restore(DomainEventDelivery? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
