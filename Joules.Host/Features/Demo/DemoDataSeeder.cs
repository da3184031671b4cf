using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Identity;
using Microsoft.AspNetCore.Identity;

namespace Joules.Host.Features.Demo;

/// <summary>Creates the deterministic demo tenant on first start.</summary>
internal sealed class DemoDataSeeder(JoulesDbContext db, UserManager<JoulesUser> users, ILogger<DemoDataSeeder> logger)
{
    public async Task SeedAsync(Hosting.DemoSettings settings)
    {
        var brand = new Brand("SWS", "Stadtwerke Sonnental") { LegalName = "Stadtwerke Sonnental GmbH" };
        db.Brands.Add(brand);
        await db.SaveChangesAsync();
        foreach (var (userName, displayName, role) in DemoUsers.All)
        {
            var user = new JoulesUser
            {
                UserName = userName, DisplayName = displayName, BrandId = brand.Id, Email = $"{userName}@sonnental.example",
                AllBrands = role == Roles.Administrator, EmailConfirmed = true,
            };
            var result = await users.CreateAsync(user, DemoUsers.Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }
        logger.LogInformation("Demo tenant {Brand} created", brand.Name);
    }
}
