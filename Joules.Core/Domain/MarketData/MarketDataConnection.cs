using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.MarketData;

/// <summary>How a brand reaches one market data provider: the endpoint that speaks Joules' market data JSON
/// (docs/market-data-wire.md), the API key (encrypted at rest with Data Protection, never logged or shown), the timeout
/// of one attempt, and the order in which providers are asked (1 first; the next one when a provider fails). Edited on
/// the provider plugin's settings page.</summary>
public sealed class MarketDataConnection : IBrandConfiguration
{
    private MarketDataConnection() { }

    public static MarketDataConnection Create(Guid brandId, string provider) =>
        new() { Id = Guid.NewGuid(), BrandId = brandId, Provider = provider, TimeoutSeconds = 10, Priority = 1 };

    public Guid Id { get; private set; }
    public Guid BrandId { get; set; }
    public string Provider { get; private set; } = "";

    /// <summary>Base URL; requests go to <c>{EndpointUrl}/v1/…</c>.</summary>
    public string EndpointUrl { get; set; } = "";

    /// <summary>The API key, encrypted (Data Protection); null when none is set.</summary>
    public string? ProtectedApiKey { get; set; }

    /// <summary>Timeout of one attempt in seconds (1–60).</summary>
    public int TimeoutSeconds { get; set; }

    /// <summary>Order in which the brand's providers are asked (1 = first).</summary>
    public int Priority { get; set; }

    /// <summary>Whether the brand uses this provider at all.</summary>
    public bool Enabled { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Checks provider, URL, timeout and priority; throws <see cref="DomainException"/> naming the field.</summary>
    public void Validate()
    {
        if (MarketDataProviders.Find(Provider) is null)
            throw new DomainException(CoreText.Format("MarketData.UnknownProvider", Provider), nameof(Provider));
        if (!Uri.TryCreate(EndpointUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new DomainException(CoreText.Get("MarketData.EndpointInvalid"), nameof(EndpointUrl));
        if (TimeoutSeconds is < 1 or > 60) throw new DomainException(CoreText.Get("MarketData.TimeoutRange"), nameof(TimeoutSeconds));
        if (Priority is < 1 or > 9) throw new DomainException(CoreText.Get("MarketData.PriorityRange"), nameof(Priority));
    }
}
