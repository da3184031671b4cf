namespace Joules.Core.Domain.Common;

/// <summary>Base of every persisted entity. Keys are time-ordered GUIDs created in the application,
/// so bulk inserts never need a round trip to learn a key.</summary>
public abstract class Entity
{
    /// <summary>Primary key (UUID version 7).</summary>
    public Guid Id { get; protected set; } = Guid.CreateVersion7();
}
