using System.Security.Claims;
using Joules.Core.Tenancy;

namespace Joules.Host.Hosting;

/// <summary>The acting user read from the sign-in cookie's claims.</summary>
internal sealed record ClaimsUser(Guid? UserId, string UserName, Guid? BrandId, bool AllBrands, IReadOnlyCollection<Guid>? VisiblePartnerIds) : ICurrentUser
{
    public const string BrandClaim = "joules:brand";
    public const string AllBrandsClaim = "joules:all-brands";
    public const string PartnersClaim = "joules:partners";
    public const string DisplayNameClaim = "joules:display-name";

    /// <summary>The user of <paramref name="principal"/>; an anonymous principal sees no brand's data.</summary>
    public static ICurrentUser From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return Anonymous;
        Guid? Parse(string type) => Guid.TryParse(principal.FindFirstValue(type), out var g) ? g : null;
        var partners = principal.FindFirstValue(PartnersClaim);
        return new ClaimsUser(
            Parse(ClaimTypes.NameIdentifier),
            principal.Identity.Name ?? "?",
            Parse(BrandClaim),
            principal.FindFirstValue(AllBrandsClaim) == "true",
            partners is null ? null : partners.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList());
    }

    /// <summary>Not signed in: a brand that does not exist, so tenant filters return nothing.</summary>
    public static readonly ICurrentUser Anonymous = new ClaimsUser(null, "anonymous", Guid.Empty, false, null);
}
