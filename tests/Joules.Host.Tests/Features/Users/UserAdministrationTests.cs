using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Identity;
using Joules.Host.Features.Users;
using Joules.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Features.Users;

public class UserAdministrationTests : IClassFixture<JoulesAppFactory>
{
    private readonly JoulesAppFactory _app;

    public UserAdministrationTests(JoulesAppFactory app)
    {
        _app = app;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
    }

    private async Task<Guid> BrandAsync()
    {
        var id = Guid.Empty;
        await _app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JoulesDbContext>();
            var brand = await db.Brands.FirstOrDefaultAsync();
            if (brand is null) { brand = new Brand("TST", "Teststadtwerk"); db.Brands.Add(brand); await db.SaveChangesAsync(); }
            id = brand.Id;
        });
        return id;
    }

    private static UserInput Input(Guid brand, string userName, string password) =>
        new() { UserName = userName, DisplayName = "Test " + userName, BrandId = brand, Roles = [Roles.Staff], Password = password };

    [Fact]
    public async Task Refuses_a_short_initial_password_with_Identitys_rule_in_German()
    {
        var brand = await BrandAsync();
        await _app.WithScopeAsync(async sp =>
        {
            var ex = await Should.ThrowAsync<DomainException>(() => sp.GetRequiredService<UserAdministration>().CreateAsync(Input(brand, "kurz", "Kurz1")));
            ex.Field.ShouldBe("Password");
            ex.Message.ShouldContain("mindestens 10 Zeichen");
        });
    }

    [Fact]
    public async Task Sales_partner_role_needs_a_linked_partner()
    {
        var brand = await BrandAsync();
        await _app.WithScopeAsync(async sp =>
        {
            var input = Input(brand, "vp-user", "Sicheres-Passwort-1");
            input.Roles = [Roles.SalesPartner];
            var ex = await Should.ThrowAsync<DomainException>(() => sp.GetRequiredService<UserAdministration>().CreateAsync(input));
            ex.Field.ShouldBe(nameof(UserInput.SalesPartnerId));
        });
    }

    [Fact]
    public async Task Password_reset_is_audited_without_the_password_and_deactivation_is_stored()
    {
        var brand = await BrandAsync();
        await _app.WithScopeAsync(async sp =>
        {
            var admin = sp.GetRequiredService<UserAdministration>();
            var id = await admin.CreateAsync(Input(brand, "sachbearbeiter", "Sicheres-Passwort-1"));
            await admin.ResetPasswordAsync(id, "Neues-Passwort-2026");
            await admin.SetActiveAsync(id, false);

            var users = sp.GetRequiredService<UserManager<JoulesUser>>();
            var user = (await users.FindByIdAsync(id.ToString()))!;
            (await users.CheckPasswordAsync(user, "Neues-Passwort-2026")).ShouldBeTrue();
            user.IsActive.ShouldBeFalse();
            (await users.GetRolesAsync(user)).ShouldBe([Roles.Staff]);

            var db = sp.GetRequiredService<JoulesDbContext>();
            var audits = await db.AuditEntries.Where(a => a.EntityId == id.ToString()).ToListAsync();
            audits.ShouldContain(a => a.Action == "PasswordReset");
            audits.ShouldContain(a => a.Action == "Modified" && a.Changes!.Contains("IsActive"));
            (await db.AuditEntries.AnyAsync(a => a.Changes != null && a.Changes.Contains("Neues-Passwort"))).ShouldBeFalse();
        });
    }
}
