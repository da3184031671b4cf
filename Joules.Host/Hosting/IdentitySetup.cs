using Joules.Core.Data;
using Joules.Core.Domain.Identity;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace Joules.Host.Hosting;

internal static class IdentitySetup
{
    /// <summary>ASP.NET Core Identity on the core context with cookie sign-in.</summary>
    public static IServiceCollection AddJoulesIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<JoulesUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 8;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<JoulesRole>()
            .AddEntityFrameworkStores<JoulesDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<JoulesClaimsFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitHandler, CurrentUserCircuitHandler>();
        return services;
    }
}
