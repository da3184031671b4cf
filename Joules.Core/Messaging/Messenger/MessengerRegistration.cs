using Joules.Core.Messaging.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Joules.Core.Messaging.Messenger;

/// <summary>Registers the built-in messenger channel (incoming webhooks of Teams, Slack, Mattermost or any JSON receiver).</summary>
public static class MessengerRegistration
{
    /// <summary>Adds the messenger sender, its HTTP client (10 s timeout, no redirects, no request logging: the URL
    /// holds a secret), the URL protector and <see cref="MessengerChannelService"/>.</summary>
    public static IServiceCollection AddMessengerChannel(this IServiceCollection services)
    {
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(MessengerWebhookClient.ClientName, c => c.Timeout = MessengerWebhookClient.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .RemoveAllLoggers();
        services.TryAddSingleton<MessengerUrlProtector>();
        services.TryAddSingleton<MessengerWebhookClient>();
        services.TryAddScoped<MessengerChannelService>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMessageChannelSender, MessengerChannelSender>());
        return services;
    }
}
