using System.Collections.Concurrent;

namespace Joules.Core.Events;

/// <summary>Maps stored type names to event types. Core events are registered at start; a plugin registers the
/// events it publishes when it is loaded. Names are stable across versions (the CLR name without assembly).</summary>
public sealed class DomainEventTypes
{
    private readonly ConcurrentDictionary<string, Type> _byName = new();

    public DomainEventTypes()
    {
        foreach (var type in typeof(IDomainEvent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDomainEvent).IsAssignableFrom(t)))
            Register(type);
    }

    /// <summary>Registers an event type under its full name.</summary>
    public void Register(Type eventType)
    {
        if (!typeof(IDomainEvent).IsAssignableFrom(eventType)) throw new ArgumentException($"{eventType} is not an IDomainEvent.", nameof(eventType));
        _byName[NameOf(eventType)] = eventType;
    }

    public static string NameOf(Type eventType) => eventType.FullName ?? eventType.Name;

    public Type? Resolve(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Every known event type (for rule editors).</summary>
    public IReadOnlyCollection<Type> All => _byName.Values.ToList();
}
