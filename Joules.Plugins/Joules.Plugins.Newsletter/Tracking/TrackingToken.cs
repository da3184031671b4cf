namespace Joules.Plugins.Newsletter.Tracking;

/// <summary>What a link in a mail may do.</summary>
public enum TokenPurpose : byte
{
    Open = 1,
    Click = 2,
    /// <summary>Unsubscribe from the campaign's lists (link and RFC 8058 one-click).</summary>
    Unsubscribe = 3,
    /// <summary>Open the subscriber's preference centre.</summary>
    Preferences = 4,
    /// <summary>Confirm a subscription (double opt-in); <see cref="TrackingToken.Reference"/> is the subscription id.</summary>
    Confirm = 5,
}

/// <summary>The content of a signed, opaque token. <see cref="SubscriberId"/> 0 means anonymous (no tracking consent).
/// For <see cref="TokenPurpose.Confirm"/>, <see cref="Reference"/> is the subscription id; otherwise the campaign id.</summary>
public readonly record struct TrackingToken(TokenPurpose Purpose, long Reference, long SubscriberId, byte Variant = 0, int LinkIndex = 0)
{
    public long CampaignId => Reference;
}
