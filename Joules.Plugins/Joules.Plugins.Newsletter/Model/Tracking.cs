using Joules.Core.Domain.Common;

namespace Joules.Plugins.Newsletter.Model;

public enum TrackingKind { Open = 0, Click = 1 }

/// <summary>A raw open or click. <see cref="SubscriberId"/> is null when the recipient has no tracking consent (counted
/// anonymously). Machine events (privacy proxies, link scanners) are kept but counted apart.</summary>
public sealed class TrackingEvent
{
    public long Id { get; set; }
    public Guid BrandId { get; set; }
    public long CampaignId { get; set; }
    public long? SubscriberId { get; set; }
    public TrackingKind Kind { get; set; }
    /// <summary>Link index for clicks.</summary>
    public int? LinkIndex { get; set; }
    public byte Variant { get; set; }
    public bool Machine { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>The roll-up metrics the message list and the analytics read instead of raw events.</summary>
public enum StatMetric
{
    Sent = 0,
    Failed = 1,
    HardBounce = 2,
    SoftBounce = 3,
    OpenTotal = 4,
    OpenUnique = 5,
    ClickTotal = 6,
    ClickUnique = 7,
    MachineOpen = 8,
    MachineClick = 9,
    Unsubscribed = 10,
    Subscribed = 11,
    Complaint = 12,
    /// <summary>Bounces given at sending time (the server refused the recipient with 5xx, or kept deferring it): the mail
    /// was never accepted, so it is in <see cref="Failed"/> and in <see cref="HardBounce"/>/<see cref="SoftBounce"/>, but
    /// not in <see cref="Sent"/>. Delivered = Sent − (bounces − these).</summary>
    RefusedAtSend = 13,
}

/// <summary>Roll-up: a metric's count per brand, day (UTC), campaign (0 = none) and list (0 = none).</summary>
public sealed class DailyStat
{
    public Guid BrandId { get; set; }
    public DateOnly Day { get; set; }
    public long CampaignId { get; set; }
    public long ListId { get; set; }
    public StatMetric Metric { get; set; }
    public long Value { get; set; }
}

/// <summary>Roll-up: clicks per link of a campaign (human total and unique, machine total), for the heatmap.</summary>
public sealed class LinkStat
{
    public long CampaignId { get; set; }
    public byte Variant { get; set; }
    public int LinkIndex { get; set; }
    public long Total { get; set; }
    public long Unique { get; set; }
    public long Machine { get; set; }
}

/// <summary>First open and click of a recipient of a campaign: decides what is "unique".</summary>
public sealed class RecipientActivity
{
    public long CampaignId { get; set; }
    public long SubscriberId { get; set; }
    public byte Variant { get; set; }
    public DateTimeOffset? FirstOpenAt { get; set; }
    public DateTimeOffset? FirstClickAt { get; set; }
}

/// <summary>A recipient clicked this link (unique clicks per link).</summary>
public sealed class RecipientLinkClick
{
    public long CampaignId { get; set; }
    public long SubscriberId { get; set; }
    public int LinkIndex { get; set; }
}

/// <summary>Per-brand settings of mail marketing.</summary>
public sealed class NewsletterSettings : ITenantOwned
{
    public long Id { get; set; }
    public Guid BrandId { get; set; }
    /// <summary>Public address of this installation for links in mails (tracking, unsubscribe, preference centre), e.g.
    /// https://www.stadtwerke-sonnental.de. RFC 8058 needs HTTPS.</summary>
    public string PublicBaseUrl { get; set; } = "";
    /// <summary>Optional mailto address for List-Unsubscribe.</summary>
    public string? UnsubscribeMailbox { get; set; }
    /// <summary>Sender imprint (Impressum) appended to every mail's footer.</summary>
    public string FooterImprint { get; set; } = "";
    /// <summary>Mails per second to the brand's SMTP server (0 = no limit).</summary>
    public int MessagesPerSecond { get; set; }
    /// <summary>SMTP connections (one per worker), 1–16.</summary>
    public int Workers { get; set; } = 4;
    public string? BounceMailboxHost { get; set; }
    public int BounceMailboxPort { get; set; } = 995;
    public bool BounceMailboxTls { get; set; } = true;
    public string? BounceMailboxUser { get; set; }
    public string? BounceMailboxProtectedPassword { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>The installation's secret for tracking and unsubscribe tokens (protected with Data Protection at rest).</summary>
public sealed class SigningKey
{
    public int Id { get; set; }
    public string ProtectedKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
