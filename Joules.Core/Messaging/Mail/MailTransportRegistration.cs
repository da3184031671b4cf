using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Joules.Core.Messaging.Mail;

/// <summary>Registers <see cref="IMailTransport"/> over SMTP.</summary>
public static class MailTransportRegistration
{
    /// <summary>Adds the pooled SMTP transport, the endpoint source (options from <c>Joules:Mail</c>) and the password protector.</summary>
    public static IServiceCollection AddMailTransport(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section);
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DevelopmentMailboxEndpoint>();
        services.TryAddSingleton<SmtpPasswordProtector>();
        services.TryAddSingleton<ISmtpEndpointSource, SmtpEndpointSource>();
        services.TryAddSingleton<SmtpMailTransport>();
        services.TryAddSingleton<IMailTransport>(sp => sp.GetRequiredService<SmtpMailTransport>());
        services.TryAddSingleton<IMailSessionFactory>(sp => sp.GetRequiredService<SmtpMailTransport>());
        return services;
    }
}
