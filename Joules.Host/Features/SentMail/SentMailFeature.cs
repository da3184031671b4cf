namespace Joules.Host.Features.SentMail;

/// <summary>The development mailbox (local SMTP sink) and the "Sent mail" page that shows what it received.</summary>
internal static class SentMailFeature
{
    public static IServiceCollection AddSentMailFeature(this IServiceCollection services)
    {
        services.AddHostedService<DevelopmentMailbox>();
        services.AddScoped<SentMailbox>();
        return services;
    }
}
