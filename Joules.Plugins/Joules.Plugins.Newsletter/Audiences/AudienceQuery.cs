using Joules.Plugins.Newsletter.Model;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>Who a campaign reaches: subscribers with a confirmed subscription to at least one of the lists, matching the
/// segment, and not on the brand's suppression list. The one rule the sender, the audience counts and the preview use.</summary>
public static class AudienceQuery
{
    public static IQueryable<Subscriber> Recipients(NewsletterDb db, Guid brandId, IReadOnlyCollection<long> listIds, Segment? segment) =>
        Among(db.Subscribers, db, brandId, listIds, segment);

    /// <summary>The rule applied to <paramref name="subscribers"/> (e.g. one key range of them) instead of the whole table.</summary>
    public static IQueryable<Subscriber> Among(IQueryable<Subscriber> subscribers, NewsletterDb db, Guid brandId, IReadOnlyCollection<long> listIds,
        Segment? segment)
    {
        var ids = listIds.ToList();
        var query = subscribers.Where(s => s.BrandId == brandId
            && db.Subscriptions.Any(x => x.SubscriberId == s.Id && ids.Contains(x.ListId) && x.Status == SubscriptionStatus.Confirmed)
            && !db.Suppressions.Any(x => x.BrandId == brandId && x.Email == s.Email));
        if (segment is null) return query;
        if (segment.Source is { } source) query = query.Where(s => s.Source == source);
        if (!string.IsNullOrWhiteSpace(segment.PostalCodePrefix))
        {
            var prefix = segment.PostalCodePrefix.Trim();
            query = query.Where(s => s.PostalCode != null && s.PostalCode.StartsWith(prefix));
        }
        if (!string.IsNullOrWhiteSpace(segment.Language)) query = query.Where(s => s.Language == segment.Language);
        if (segment.TrackingConsent is { } tracking) query = query.Where(s => s.TrackingConsent == tracking);
        return query;
    }

    /// <summary>Normalises an e-mail address the way it is stored (trimmed, lower case).</summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();
}
