using Joules.Plugins.Newsletter.Model;

namespace Joules.Plugins.Newsletter.Tracking;

/// <summary>One open or click as the endpoints (or the demo history) record it.</summary>
public readonly record struct TrackingHit(Guid BrandId, long CampaignId, long? SubscriberId, TrackingKind Kind, byte Variant,
    int? LinkIndex, bool Machine, DateTimeOffset At);
