namespace Joules.Core.Tenancy;

/// <summary>Scoped holder of the acting user. The host sets <see cref="User"/> when a request or circuit is
/// authenticated; until then (and in background scopes) the system acts. Contexts read it on every query.</summary>
public sealed class CurrentUserAccessor : ICurrentUser
{
    /// <summary>The user acting in this scope.</summary>
    public ICurrentUser User { get; set; } = new SystemUser();

    public Guid? UserId => User.UserId;
    public string UserName => User.UserName;
    public Guid? BrandId => User.BrandId;
    public bool AllBrands => User.AllBrands;
    public IReadOnlyCollection<Guid>? VisiblePartnerIds => User.VisiblePartnerIds;
}
