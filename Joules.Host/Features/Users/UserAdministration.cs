using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Identity;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Joules.Host.Features.Users;

/// <summary>One row of the user list.</summary>
public sealed record UserListItem(Guid Id, string UserName, string DisplayName, string? Email, Guid BrandId, string BrandName, bool IsActive,
    Guid? SalesPartnerId, string? SalesPartnerName, IReadOnlyList<string> Roles, bool LockedOut);

/// <summary>Input of the user form; <see cref="Password"/> is used when creating only.</summary>
public sealed class UserInput
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Email { get; set; }
    public Guid? BrandId { get; set; }
    public HashSet<string> Roles { get; set; } = [];
    public Guid? SalesPartnerId { get; set; }
    public string Password { get; set; } = "";
}

/// <summary>Administration of users with ASP.NET Core Identity. Each operation runs in its own scope acting as the
/// signed-in administrator, so a Blazor circuit never keeps tracked users around and audit entries name the admin.</summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, CurrentUserAccessor currentUser, IStringLocalizer<UserAdministration> l)
{
    public async Task<PagedResult<UserListItem>> SearchAsync(string? text, int page, int pageSize, CancellationToken ct = default)
    {
        await using var scope = Scope(out var db);
        var q = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            var upper = t.ToUpperInvariant();
            q = q.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(t) || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(upper)));
        }
        var total = await q.CountAsync(ct);
        var users = await q.OrderBy(u => u.UserName).Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var brands = await db.Brands.ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var partnerIds = users.Where(u => u.SalesPartnerId != null).Select(u => u.SalesPartnerId!.Value).ToList();
        var partners = await db.SalesPartners.IgnoreQueryFilters().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var now = DateTimeOffset.UtcNow;
        var items = users.Select(u => new UserListItem(u.Id, u.UserName ?? "", u.DisplayName, u.Email, u.BrandId, brands.GetValueOrDefault(u.BrandId, "?"), u.IsActive,
            u.SalesPartnerId, u.SalesPartnerId is { } p ? partners.GetValueOrDefault(p) : null,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(), u.LockoutEnd > now)).ToList();
        return new PagedResult<UserListItem>(items, total);
    }

    public async Task<UserInput> GetAsync(Guid id)
    {
        await using var scope = Scope(out _);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JoulesUser>>();
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new DomainException(l["NotFound"]);
        return new UserInput
        {
            UserName = user.UserName ?? "", DisplayName = user.DisplayName, Email = user.Email, BrandId = user.BrandId,
            Roles = (await users.GetRolesAsync(user)).ToHashSet(), SalesPartnerId = user.SalesPartnerId,
        };
    }

    /// <summary>Creates a user with an initial password; Identity's password and user name rules apply.</summary>
    public async Task<Guid> CreateAsync(UserInput input)
    {
        Validate(input, creating: true);
        await using var scope = Scope(out _);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JoulesUser>>();
        var user = new JoulesUser
        {
            UserName = input.UserName.Trim(), DisplayName = input.DisplayName.Trim(), Email = Clean(input.Email), BrandId = input.BrandId!.Value,
            AllBrands = input.Roles.Contains(Roles.Administrator), SalesPartnerId = input.Roles.Contains(Roles.SalesPartner) ? input.SalesPartnerId : null,
            EmailConfirmed = true,
        };
        Check(await users.CreateAsync(user, input.Password), "Password");
        Check(await users.AddToRolesAsync(user, input.Roles), "Roles");
        return user.Id;
    }

    /// <summary>Changes display name, e-mail, roles and the linked sales partner.</summary>
    public async Task UpdateAsync(Guid id, UserInput input)
    {
        Validate(input, creating: false);
        await using var scope = Scope(out _);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JoulesUser>>();
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new DomainException(l["NotFound"]);
        var current = await users.GetRolesAsync(user);
        if (user.Id == currentUser.UserId && current.Contains(Roles.Administrator) && !input.Roles.Contains(Roles.Administrator))
            throw new DomainException(l["OwnAdminRole"], "Roles");
        user.DisplayName = input.DisplayName.Trim();
        user.Email = Clean(input.Email);
        user.AllBrands = input.Roles.Contains(Roles.Administrator);
        user.SalesPartnerId = input.Roles.Contains(Roles.SalesPartner) ? input.SalesPartnerId : null;
        Check(await users.UpdateAsync(user), "Email");
        var remove = current.Except(input.Roles).ToList();
        var add = input.Roles.Except(current).ToList();
        if (remove.Count > 0) Check(await users.RemoveFromRolesAsync(user, remove), "Roles");
        if (add.Count > 0) Check(await users.AddToRolesAsync(user, add), "Roles");
        // Role and partner changes take effect at the next sign-in; a new stamp ends existing sessions at the next validation.
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>Sets a new password. The audit entry never contains the password.</summary>
    public async Task ResetPasswordAsync(Guid id, string password)
    {
        await using var scope = Scope(out var db);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JoulesUser>>();
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new DomainException(l["NotFound"]);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, password), "Password");
        await users.SetLockoutEndDateAsync(user, null);
        db.Audit("PasswordReset", nameof(JoulesUser), user.Id.ToString(), $$"""{"UserName":"{{user.UserName}}"}""");
        await db.SaveChangesAsync();
    }

    /// <summary>Deactivates (no sign-in any more) or reactivates a user.</summary>
    public async Task SetActiveAsync(Guid id, bool active)
    {
        if (!active && id == currentUser.UserId) throw new DomainException(l["OwnDeactivate"]);
        await using var scope = Scope(out _);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JoulesUser>>();
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new DomainException(l["NotFound"]);
        user.IsActive = active;
        Check(await users.UpdateAsync(user), null);
        await users.UpdateSecurityStampAsync(user);
    }

    private AsyncServiceScope Scope(out JoulesDbContext db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = currentUser.User;
        db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        return scope;
    }

    private void Validate(UserInput input, bool creating)
    {
        if (creating && string.IsNullOrWhiteSpace(input.UserName)) throw new DomainException(l["UserNameRequired"], nameof(UserInput.UserName));
        if (string.IsNullOrWhiteSpace(input.DisplayName)) throw new DomainException(l["DisplayNameRequired"], nameof(UserInput.DisplayName));
        if (input.BrandId is null) throw new DomainException(l["BrandRequired"], nameof(UserInput.BrandId));
        if (input.Roles.Count == 0) throw new DomainException(l["RoleRequired"], nameof(UserInput.Roles));
        if (input.Roles.Any(r => !Roles.All.Contains(r))) throw new DomainException(l["RoleUnknown"], nameof(UserInput.Roles));
        if (input.Roles.Contains(Roles.SalesPartner) && input.SalesPartnerId is null) throw new DomainException(l["PartnerRequired"], nameof(UserInput.SalesPartnerId));
        if (creating && string.IsNullOrEmpty(input.Password)) throw new DomainException(l["PasswordRequired"], nameof(UserInput.Password));
    }

    private static void Check(IdentityResult result, string? field)
    {
        if (result.Succeeded) return;
        var errors = result.Errors.ToList();
        var target = errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "Password"
            : errors.Any(e => e.Code.Contains("UserName", StringComparison.Ordinal)) ? "UserName"
            : errors.Any(e => e.Code.Contains("Email", StringComparison.Ordinal)) ? "Email" : field;
        throw new DomainException(string.Join(" ", errors.Select(e => e.Description)), target);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
