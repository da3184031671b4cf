using Microsoft.AspNetCore.Identity;

namespace Joules.Core.Domain.Identity;

/// <summary>A person who signs in: staff of a brand, a sales partner's user, an analyst or an external reviewer.</summary>
public sealed class JoulesUser : IdentityUser<Guid>
{
    public JoulesUser() => Id = Guid.CreateVersion7();

    public string DisplayName { get; set; } = "";
    /// <summary>The brand the user works for; the tenant filter scopes the user's reads to it.</summary>
    public Guid BrandId { get; set; }
    /// <summary>Administrators of the operating company may see every brand.</summary>
    public bool AllBrands { get; set; }
    /// <summary>Set for users of a sales partner: they see that partner's and its sub-partners' contracts only.</summary>
    public Guid? SalesPartnerId { get; set; }
    /// <summary>"de" or "en".</summary>
    public string PreferredCulture { get; set; } = "de";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A role of <see cref="JoulesUser"/>s.</summary>
public sealed class JoulesRole : IdentityRole<Guid>
{
    public JoulesRole() => Id = Guid.CreateVersion7();
    public JoulesRole(string name) : this() { Name = name; NormalizedName = name.ToUpperInvariant(); }
}
