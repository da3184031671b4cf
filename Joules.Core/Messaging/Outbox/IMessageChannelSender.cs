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
    /// retried with back-off.</summary>
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>A message could not be delivered over its channel.</summary>
public sealed class MessageDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True if retrying cannot help (e.g. an invalid phone number).</summary>
    public bool Permanent { get; } = permanent;
}

/// <summary>Thrown by a sender whose channel cannot be used in this host (e.g. no transport configured); the message
/// waits in the queue as if the channel had no sender.</summary>
public sealed class ChannelUnavailableException(MessageChannel channel) : Exception($"Channel {channel} is not available.")
{
    /// <summary>The channel that is missing.</summary>
    public MessageChannel Channel { get; } = channel;
}
