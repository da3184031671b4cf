using Joules.Host.Features.Users;

namespace Joules.Host.Features.Common;

/// <summary>Services of the tariff, partner, user and audit pages of the back office.</summary>
internal static class BackOfficeAdminFeature
{
    public static IServiceCollection AddBackOfficeAdminFeatures(this IServiceCollection services)
    {
        services.AddScoped<EnumText>();
        services.AddUserFeature();
        return services;
    }
}
