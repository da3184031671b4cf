using System.Security.Claims;
using Joules.Core.Data;
using Joules.Core.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Joules.Host.Hosting;

/// <summary>Adds brand, display name and, for partner users, the partner subtree to the sign-in cookie.</summary>
internal sealed class JoulesClaimsFactory(UserManager<JoulesUser> users, RoleManager<JoulesRole> roles, IOptions<IdentityOptions> options, JoulesDbContext db)
    : UserClaimsPrincipalFactory<JoulesUser, JoulesRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(JoulesUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimsUser.BrandClaim, user.BrandId.ToString()));
        identity.AddClaim(new Claim(ClaimsUser.DisplayNameClaim, user.DisplayName));
        if (user.AllBrands) identity.AddClaim(new Claim(ClaimsUser.AllBrandsClaim, "true"));
        if (user.SalesPartnerId is null && await UserManager.IsInRoleAsync(user, Roles.SalesPartner))
        {
            // A partner user not linked to a partner yet sees no partner's data rather than the whole brand.
            identity.AddClaim(new Claim(ClaimsUser.PartnersClaim, ""));
        }
        else if (user.SalesPartnerId is { } partnerId)
        {
            var path = await db.SalesPartners.IgnoreQueryFilters().Where(p => p.Id == partnerId).Select(p => p.HierarchyPath).SingleAsync();
            var subtree = await db.SalesPartners.IgnoreQueryFilters().Where(p => p.HierarchyPath.StartsWith(path)).Select(p => p.Id).ToListAsync();
            identity.AddClaim(new Claim(ClaimsUser.PartnersClaim, string.Join(',', subtree)));
        }
        return identity;
    }
}
