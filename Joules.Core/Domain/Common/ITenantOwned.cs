namespace Joules.Core.Domain.Common;

/// <summary>A row that belongs to exactly one brand (tenant). The core database context scopes reads
/// with a global query filter and refuses writes to rows of a brand the current user may not see.</summary>
public interface ITenantOwned
{
    /// <summary>The owning brand.</summary>
    Guid BrandId { get; set; }
}
