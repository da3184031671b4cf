namespace Joules.Core.Events;

/// <summary>Something that happened in the domain. Events are stored in the same transaction as the change
/// that raised them and then dispatched to every registered <see cref="IDomainEventHandler{TEvent}"/>.
/// Implement as an immutable record; it is serialised to JSON.</summary>
public interface IDomainEvent
{
    /// <summary>The brand the event belongs to, or null for system-wide events.</summary>
    Guid? BrandId { get; }
}

/// <summary>Handles one event type. A handler that throws is retried with back-off; a handler that succeeded
/// is not called again for the same event, so handlers may assume at-least-once, at-most-once-per-success delivery.</summary>
/// <typeparam name="TEvent">The event type.</typeparam>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    /// <summary>Handles the event. Runs in its own DI scope.</summary>
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}
