namespace Joules.Plugins.Newsletter.Tracking;

/// <summary>Stores opens and clicks durably: raw events plus the roll-ups (daily stats, link stats, unique activity) in
/// one transaction. Used by the tracking writer and by the demo history.</summary>
public sealed class TrackingStore
{
    public Task WriteAsync(IReadOnlyList<TrackingHit> hits, CancellationToken ct = default) =>
        throw new NotImplementedException("Filled in by the tracking part.");
}
