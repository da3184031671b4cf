using Joules.Core.Messaging.Messenger;

namespace Joules.Host.Features.Messenger;

/// <summary>The messenger channels page (/admin/messenger): incoming webhooks per brand.</summary>
internal static class MessengerFeature
{
    /// <summary>The channel service and sender come with Core; this makes sure they are there.</summary>
    public static IServiceCollection AddMessengerFeature(this IServiceCollection services) => services.AddMessengerChannel();
}
