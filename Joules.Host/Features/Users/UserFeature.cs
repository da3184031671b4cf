using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Joules.Host.Features.Users;

internal static class UserFeature
{
    /// <summary>User administration and German/English Identity messages.</summary>
    public static IServiceCollection AddUserFeature(this IServiceCollection services)
    {
        services.AddScoped<UserAdministration>();
        services.Replace(ServiceDescriptor.Scoped<IdentityErrorDescriber, LocalizedIdentityErrors>());
        return services;
    }
}
