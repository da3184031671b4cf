using Joules.Core.Data;
using Joules.Core.Domain.Common;

namespace Joules.Core.UseCases.Credit;

/// <summary>The credit settings use cases act on one brand named by the caller: administrators may name any brand,
/// everyone else only their own.</summary>
internal static class CreditBrandAccess
{
    public static void Require(JoulesDbContext db, Guid brandId)
    {
        if (brandId == Guid.Empty) throw new DomainException(CoreText.Get("Tenant.BrandRequired"));
        if (!db.User.AllBrands && db.User.BrandId != brandId) throw new Tenancy.TenantAccessException(CoreText.Get("Tenant.OtherBrand"));
    }
}
