namespace Joules.Core.Tenancy;

/// <summary>Who is acting: the signed-in user, an API client, or the system (jobs). The core database context
/// scopes every read and write of tenant-owned rows with it.</summary>
public interface ICurrentUser
{
    /// <summary>The user's id, or null for the system.</summary>
    Guid? UserId { get; }
    /// <summary>Name written to audit and history entries.</summary>
    string UserName { get; }
    /// <summary>The brand the user works in.</summary>
    Guid? BrandId { get; }
    /// <summary>True if the user (or the system) may read and write every brand.</summary>
    bool AllBrands { get; }
    /// <summary>For sales partner users: the ids of their partner and all sub-partners; null for everybody else.</summary>
    IReadOnlyCollection<Guid>? VisiblePartnerIds { get; }
}

/// <summary>The system acting for all brands (background jobs, demo data, migrations) or for one brand.</summary>
public sealed record SystemUser(string UserName = "system", Guid? BrandId = null) : ICurrentUser
{
    public Guid? UserId => null;
    public bool AllBrands => BrandId is null;
    public IReadOnlyCollection<Guid>? VisiblePartnerIds => null;
}
