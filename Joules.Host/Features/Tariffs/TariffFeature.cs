using Joules.Host.Features.Common;
using Joules.Host.Features.Users;

namespace Joules.Host.Features.Tariffs;

/// <summary>Services of the tariff, partner, user and audit pages of the back office.</summary>
internal static class TariffFeature
{
    public static IServiceCollection AddBackOfficeAdminFeatures(this IServiceCollection services)
    {
        services.AddScoped<EnumText>();
        services.AddUserFeature();
        return services;
    }
}
