using Joules.Core.Domain.Messaging;

namespace Joules.Core.Messaging.Outbox;

/// <summary>Sends outbox messages of one <see cref="Channel"/>. Mail is built in; plugins register senders for Messenger
/// and SMS as <c>IMessageChannelSender</c> in DI. A message whose channel has no sender waits in the queue. One instance
/// (per scope) is called for several messages at the same time, so it must be thread-safe.</summary>
public interface IMessageChannelSender
{
    /// <summary>The channel this sender delivers.</summary>
    MessageChannel Channel { get; }

    /// <summary>Delivers <paramref name="message"/>. Throw <see cref="MessageDeliveryException"/> (or
    /// <see cref="MailDeliveryException"/>) with <c>Permanent = true</c> when a retry cannot help; any other exception is
    /// retried with back-off. A gateway that returns an id for the message sets <see cref="OutboxMessage.ProviderMessageId"/>
    /// on <paramref name="message"/>; the outbox stores it with the sent state, and delivery reports are matched by it
    /// (<see cref="OutboxDeliveryReports.RecordDeliveryReportAsync"/>).</summary>
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>A message could not be delivered over its channel.</summary>
public sealed class MessageDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True if retrying cannot help (e.g. an invalid phone number).</summary>
    public bool Permanent { get; } = permanent;

    /// <summary>The outbox's rule for HTTP gateways: 408, 429 and 5xx are worth a retry; any other refusal is not.</summary>
    public static bool IsTransient(System.Net.HttpStatusCode status) => (int)status is 408 or 429 or >= 500;
}

/// <summary>Thrown by a sender whose channel cannot be used in this host (e.g. no transport configured); the message
/// waits in the queue as if the channel had no sender.</summary>
public sealed class ChannelUnavailableException(MessageChannel channel) : Exception($"Channel {channel} is not available.")
{
    /// <summary>The channel that is missing.</summary>
    public MessageChannel Channel { get; } = channel;
}

/// <summary>A sender that is registered but may have nobody to deliver through right now (the host's forwarder to
/// plugin-provided channels such as SMS).</summary>
public interface IConditionalChannelSender
{
    /// <summary>True if a message on the channel could be delivered now.</summary>
    bool IsAvailable { get; }
}

/// <summary>Which channels can deliver messages now; rule and template editors offer only these.</summary>
public interface IMessageChannelAvailability
{
    /// <summary>True if messages on <paramref name="channel"/> can be delivered.</summary>
    bool IsAvailable(MessageChannel channel);
}

/// <summary>Default availability: a channel is available when a sender is registered for it and, if that sender is
/// conditional, it says so.</summary>
public sealed class MessageChannelAvailability(IServiceProvider services) : IMessageChannelAvailability
{
    /// <inheritdoc />
    public bool IsAvailable(MessageChannel channel)
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(services);
        var sender = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetServices<IMessageChannelSender>(scope.ServiceProvider).LastOrDefault(s => s.Channel == channel);
        return sender is not null && (sender is not IConditionalChannelSender conditional || conditional.IsAvailable);
    }
}
