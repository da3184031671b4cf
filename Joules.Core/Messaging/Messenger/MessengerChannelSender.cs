using Joules.Core.Data.Providers;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Messaging.Messenger;

/// <summary>The built-in messenger channel: posts an outbox message (<see cref="OutboxMessage.To"/> = id of a
/// <see cref="MessengerChannel"/>, subject as title, text part as text) to the channel's incoming webhook in the JSON
/// shape of its <see cref="MessengerKind"/>. A missing channel fails permanently; a disabled one is retried.</summary>
public sealed class MessengerChannelSender(DatabaseOptions database, MessengerUrlProtector urls, MessengerWebhookClient webhooks) : IMessageChannelSender
{
    /// <inheritdoc />
    public MessageChannel Channel => MessageChannel.Messenger;

    /// <inheritdoc />
    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (!Guid.TryParse(message.To, out var channelId))
            throw new MessageDeliveryException(CoreText.Format("Messenger.ChannelMissing", message.To), permanent: true);
        MessengerChannel? channel;
        await using (var db = CoreDatabaseRegistration.Create(database, new SystemUser()))
            channel = await db.MessengerChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, ct);
        if (channel is null || (message.BrandId is { } brand && channel.BrandId != brand))
            throw new MessageDeliveryException(CoreText.Format("Messenger.ChannelMissing", message.To), permanent: true);
        if (!channel.Enabled)
            throw new MessageDeliveryException(CoreText.Format("Messenger.ChannelDisabled", channel.Name), permanent: false);
        var url = urls.Unprotect(channel.ProtectedUrl);
        var json = MessengerPayloads.Build(channel.Kind, message.Subject, message.TextBody,
            new MessengerEnvelope(message.BrandId, message.Id, message.IdempotencyKey, message.CreatedAt));
        await webhooks.PostAsync(url, Describe(channel), json, message.IdempotencyKey, ct);
    }

    internal static string Describe(MessengerChannel channel) => $"„{channel.Name}“ ({channel.UrlHost})";
}
