namespace Joules.Core.Domain.Audit;

/// <summary>Who changed what, when. Written by the database context for every tracked change, and by
/// features for actions that change no row (sign-in, export, plugin upload).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
    public Guid? BrandId { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    /// <summary>"Added", "Modified", "Deleted" or a feature's action name.</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    /// <summary>JSON of the changed properties: {"Name": {"old": …, "new": …}}.</summary>
    public string? Changes { get; set; }
}
