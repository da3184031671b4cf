using Joules.Core.Domain.Common;

namespace Joules.Plugins.Newsletter.Model;

public enum CampaignStatus
{
    Draft = 0,
    Scheduled = 1,
    Sending = 2,
    Paused = 3,
    Cancelled = 4,
    Sent = 5,
    Failed = 6,
    /// <summary>The A/B sample is sent; the rest waits for the winner (decided at <see cref="Campaign.AbDecideAt"/>).</summary>
    AbTestWaiting = 7,
}

/// <summary>What an A/B test varies. Variant B's subject or content is sent to half of the sample.</summary>
public enum AbTestKind { None = 0, Subject = 1, Content = 2 }

/// <summary>Sending phase: the A/B sample (or, without a test, everybody), then the rest with the winner.</summary>
public enum SendPhase { Main = 0, Rest = 1 }

/// <summary>A newsletter: content (HTML with a plain-text part, Liquid variables), audience (lists, optional segment),
/// schedule, A/B test, and the sending progress with its checkpoint.</summary>
public sealed class Campaign : ITenantOwned
{
    public long Id { get; set; }
    public Guid BrandId { get; set; }
    public string Name { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? Preheader { get; set; }
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string? FromName { get; set; }
    public string? FromAddress { get; set; }
    public long? SegmentId { get; set; }
    public List<CampaignList> Lists { get; set; } = [];

    public CampaignStatus Status { get; set; }
    public DateTimeOffset? ScheduledAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    public AbTestKind AbTest { get; set; }
    public string? SubjectB { get; set; }
    public string? HtmlBodyB { get; set; }
    public string? TextBodyB { get; set; }
    /// <summary>Share of the audience in the test (half gets A, half B), 2–50.</summary>
    public int AbSamplePercent { get; set; } = 20;
    public int AbWaitMinutes { get; set; } = 240;
    public DateTimeOffset? AbDecideAt { get; set; }
    /// <summary>0 = A, 1 = B once decided.</summary>
    public byte? AbWinner { get; set; }

    public SendPhase Phase { get; set; }
    /// <summary>Every recipient with a lower or equal subscriber id in this phase is recorded in <see cref="CampaignDelivery"/>.</summary>
    public long CheckpointSubscriberId { get; set; }
    /// <summary>Recipients counted when sending started (the phase's audience).</summary>
    public int ToSend { get; set; }
    public int SentCount { get; set; }
    public int FailedCount { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A list a campaign goes to.</summary>
public sealed class CampaignList
{
    public long CampaignId { get; set; }
    public long ListId { get; set; }
}

/// <summary>A tracked link of a sent campaign: its position among the links of the variant's HTML (document order),
/// and the address a click token of this index may redirect to.</summary>
public sealed class CampaignLink
{
    public long CampaignId { get; set; }
    /// <summary>0 = A (or the only content), 1 = B.</summary>
    public byte Variant { get; set; }
    public int Index { get; set; }
    public string Url { get; set; } = "";
}

public enum DeliveryStatus { Sent = 0, Failed = 1, SoftBounce = 2, HardBounce = 3 }

/// <summary>One recipient of a campaign, written right after the SMTP server accepted (or refused) the mail. A campaign
/// resumes by skipping every recipient that has a row, so nobody gets the mail twice.</summary>
public sealed class CampaignDelivery
{
    public long CampaignId { get; set; }
    public long SubscriberId { get; set; }
    public Guid BrandId { get; set; }
    public byte Variant { get; set; }
    public DeliveryStatus Status { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Error { get; set; }
}

public enum BounceKind { Soft = 0, Hard = 1, Complaint = 2 }

/// <summary>A bounce from an SMTP answer or from the bounce mailbox.</summary>
public sealed class BounceRecord : ITenantOwned
{
    public long Id { get; set; }
    public Guid BrandId { get; set; }
    public string Email { get; set; } = "";
    public long? CampaignId { get; set; }
    public long? SubscriberId { get; set; }
    public BounceKind Kind { get; set; }
    /// <summary>"smtp" or "mailbox".</summary>
    public string Source { get; set; } = "";
    public string? Diagnostic { get; set; }
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
}
