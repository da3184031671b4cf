using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Messaging;

/// <summary>The chat product behind an incoming webhook; decides the JSON the messenger sender posts.</summary>
public enum MessengerKind
{
    /// <summary>Microsoft Teams (Workflows webhook): a message with one Adaptive Card attachment.</summary>
    Teams,
    /// <summary>Slack incoming webhook: <c>{"text": …}</c> with mrkdwn.</summary>
    Slack,
    /// <summary>Mattermost incoming webhook: <c>{"text": …}</c> with Markdown.</summary>
    Mattermost,
    /// <summary>Any other receiver: Joules' own documented JSON object.</summary>
    GenericJson,
}

/// <summary>An incoming-webhook target of a brand (a Teams or Slack channel, …). Outbox messages on the messenger
/// channel carry the id of one of these in <see cref="OutboxMessage.To"/>. The URL contains the webhook's secret, so it
/// is stored encrypted with ASP.NET Core Data Protection (<see cref="ProtectedUrl"/>) and never shown in full.</summary>
public sealed class MessengerChannel : ITenantOwned
{
    private MessengerChannel() { }

    public static MessengerChannel Create(Guid brandId, string name, MessengerKind kind, string protectedUrl, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), BrandId = brandId, Name = name, Kind = kind, ProtectedUrl = protectedUrl, Enabled = true, CreatedAt = now,
    };

    public Guid Id { get; private set; }
    public Guid BrandId { get; set; }
    public string Name { get; set; } = "";
    public MessengerKind Kind { get; set; }

    /// <summary>The webhook URL, encrypted with the Data Protection purpose "Joules.Messenger.Url".</summary>
    public string ProtectedUrl { get; set; } = "";

    /// <summary>The URL's host, kept in clear for lists ("hooks.slack.com").</summary>
    public string UrlHost { get; set; } = "";

    /// <summary>A disabled channel receives nothing; its queued messages wait (and fail after the retries).</summary>
    public bool Enabled { get; set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
