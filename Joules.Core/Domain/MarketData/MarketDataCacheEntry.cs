namespace Joules.Core.Domain.MarketData;

/// <summary>One stored answer of a market data provider (a location, a grid fee sheet, the levies, a default-supply
/// tariff or a competitor list), kept per provider, request and validity so that the calculator keeps working on the
/// last known data during an outage and after a restart. Market data is the same for every brand, so entries are
/// shared. <see cref="Payload"/> is the Core model serialised as JSON, not the provider's wire format.</summary>
public sealed class MarketDataCacheEntry
{
    private MarketDataCacheEntry() { }

    public static MarketDataCacheEntry Create(string key, string provider, string kind, string payload, DateOnly? validFrom, DateOnly? validTo,
        DateOnly? publishedAt, DateTimeOffset fetchedAt) => new()
    {
        Id = Guid.NewGuid(), Key = key, Provider = provider, Kind = kind, Payload = payload, ValidFrom = validFrom, ValidTo = validTo,
        PublishedAt = publishedAt, FetchedAt = fetchedAt,
    };

    public Guid Id { get; private set; }

    /// <summary>The request, e.g. <c>enet|grid-fees|STR-0001|power|slp|2026-01-01</c> (unique).</summary>
    public string Key { get; private set; } = "";

    /// <summary>Provider code (<see cref="MarketDataProviders"/>).</summary>
    public string Provider { get; private set; } = "";

    /// <summary><c>location</c>, <c>grid-fees</c>, <c>levies</c>, <c>default-supply</c> or <c>competitors</c>.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The answer as JSON of the Core model.</summary>
    public string Payload { get; private set; } = "";

    /// <summary>First day the data is valid (from the provider).</summary>
    public DateOnly? ValidFrom { get; private set; }

    /// <summary>Last day the data is valid (from the provider).</summary>
    public DateOnly? ValidTo { get; private set; }

    /// <summary>When the provider published the data.</summary>
    public DateOnly? PublishedAt { get; private set; }

    /// <summary>When Joules fetched it.</summary>
    public DateTimeOffset FetchedAt { get; private set; }

    /// <summary>Replaces the stored answer with a newer fetch of the same request.</summary>
    public void Refresh(string payload, DateOnly? validFrom, DateOnly? validTo, DateOnly? publishedAt, DateTimeOffset fetchedAt)
    {
        Payload = payload;
        ValidFrom = validFrom;
        ValidTo = validTo;
        PublishedAt = publishedAt;
        FetchedAt = fetchedAt;
    }
}
