namespace Joules.Host.Features.MailSettings;

/// <summary>The per-brand SMTP settings page.</summary>
internal static class MailSettingsFeature
{
    public static IServiceCollection AddMailSettingsFeature(this IServiceCollection services) =>
        services.AddScoped<MailSettingsAdministration>();
}
