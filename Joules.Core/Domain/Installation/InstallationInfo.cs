namespace Joules.Core.Domain.Installation;

/// <summary>The single row that identifies this installation (one database). Created at the first start;
/// plugin licences are bound to <see cref="InstallationId"/>, so it never changes afterwards.</summary>
public sealed class InstallationInfo
{
    private InstallationInfo() { }

    /// <summary>A new installation with a random id.</summary>
    public static InstallationInfo Create() => new() { InstallationId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow };

    /// <summary>Always 1: there is exactly one row.</summary>
    public int Id { get; private set; } = 1;
    public Guid InstallationId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
