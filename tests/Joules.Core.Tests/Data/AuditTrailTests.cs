using Joules.Core.Domain.Identity;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.Data;

public class AuditTrailTests
{
    [Fact]
    public async Task Records_who_changed_which_property_and_hides_secrets()
    {
        await using var database = await new SqliteTestDatabase().MigrateAsync();
        var brand = await database.AddBrandAsync("AAA", "Brand A");
        var user = new JoulesUser { UserName = "erika", NormalizedUserName = "ERIKA", DisplayName = "Erika", BrandId = brand.Id, PasswordHash = "secret-hash" };
        await using (var db = database.Context(new SystemUser("admin", brand.Id)))
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        await using (var db = database.Context(new SystemUser("admin", brand.Id)))
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
            stored.SecurityStamp = Guid.NewGuid().ToString();   // nothing a reader of the log needs
            await db.SaveChangesAsync();
            stored.DisplayName = "Erika Muster";
            await db.SaveChangesAsync();
        }

        await using var check = database.Context(new SystemUser());
        var entries = await check.AuditEntries.Where(a => a.EntityId == user.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        entries.Select(e => e.Action).ShouldBe(["Added", "Modified"]);
        entries.ShouldAllBe(e => e.UserName == "admin" && e.EntityType == nameof(JoulesUser));
        entries[0].Changes!.ShouldNotContain("secret-hash");
        entries[1].Changes!.ShouldContain("Erika Muster");
    }
}
