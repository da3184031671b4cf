using Joules.Core.Events;

namespace Joules.Core.Domain.Common;

/// <summary>An entity that raises domain events. The events are written to the event table in the
/// same transaction as the entity change and dispatched from there.</summary>
public abstract class AggregateRoot : Entity
{
    private readonly List<IDomainEvent> _domainEvents = [];

    /// <summary>Events raised since the last save.</summary>
    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    /// <summary>Queues an event to be stored with the next save.</summary>
    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    internal void ClearDomainEvents() => _domainEvents.Clear();
}
