using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Hands outbox messages of a channel that plugins provide (SMS) to the running, licensed plugin that declared
/// it with <c>AddMessageChannel</c>. Without such a plugin the channel is unavailable and its messages wait in the outbox.</summary>
internal sealed class PluginChannelSender(MessageChannel channel, PluginRegistry registry, IServiceProvider hostRoot)
    : IMessageChannelSender, IConditionalChannelSender
{
    public MessageChannel Channel => channel;

    public bool IsAvailable => Provider() is not null;

    private PluginInstance? Provider() => registry.All
        .Where(p => p.IsLoaded && p.Enabled && p.Licence.AllowsChanges && p.Contributions.ChannelSenders.ContainsKey(channel))
        .OrderBy(p => p.Id, StringComparer.Ordinal)
        .FirstOrDefault();

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var plugin = Provider() ?? throw new ChannelUnavailableException(channel);
        await using var scope = PluginScope.Create(plugin, hostRoot);
        var sender = (IMessageChannelSender)scope.Services.GetRequiredService(plugin.Contributions.ChannelSenders[channel]);
        await sender.SendAsync(message, ct);
    }
}
