using Joules.Core.Data.Providers;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Sending.Composition;

/// <summary>The brand data a newsletter needs (<c>brand.name</c> in templates).</summary>
public sealed record BrandInfo(Guid Id, string Name, string Code);

/// <summary>Reads brands from Core. A singleton that works outside a request or job scope (the background sender).</summary>
public interface IBrandDirectory
{
    Task<BrandInfo> GetAsync(Guid brandId, CancellationToken ct = default);
}

/// <summary>Reads the brand with its own Core context as the plugin's system user.</summary>
public sealed class CoreBrandDirectory(DatabaseOptions database) : IBrandDirectory
{
    public async Task<BrandInfo> GetAsync(Guid brandId, CancellationToken ct = default)
    {
        await using var db = CoreDatabaseRegistration.Create(database, new SystemUser("plugin:" + NewsletterPlugin.Id));
        var brand = await db.Brands.AsNoTracking().Where(b => b.Id == brandId).Select(b => new { b.Name, b.Code }).FirstOrDefaultAsync(ct);
        return new BrandInfo(brandId, brand?.Name ?? "", brand?.Code ?? "");
    }
}
