using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Joules.Core.Messaging.Outbox;

/// <summary>Registers the message outbox: the sender, the built-in mail channel and the background service.</summary>
public static class OutboxRegistration
{
    /// <summary>Adds the outbox sender and its background service. Plugins add channels with
    /// <c>services.AddScoped&lt;IMessageChannelSender, MySender&gt;()</c>.</summary>
    public static IServiceCollection AddMessageOutbox(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSender>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMessageChannelSender, MailChannelSender>());
        services.TryAddScoped<IOutboxAdministration, OutboxAdministration>();
        services.TryAddSingleton<IMessageChannelAvailability, MessageChannelAvailability>();
        services.AddHostedService<OutboxSendService>();
        return services;
    }
}
