using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Credit;

/// <summary>How a brand reaches one bureau: the endpoint that speaks Joules' bureau JSON (docs/credit-bureaus.md), the API
/// key (encrypted at rest with Data Protection, never logged or shown), the product asked for by default and the
/// timeout of one attempt. Edited on the bureau plugin's settings page.</summary>
public sealed class CreditBureauConnection : IBrandConfiguration
{
    private CreditBureauConnection() { }

    public static CreditBureauConnection Create(Guid brandId, string bureau) =>
        new() { Id = Guid.NewGuid(), BrandId = brandId, Bureau = bureau, TimeoutSeconds = 10 };

    public Guid Id { get; private set; }
    public Guid BrandId { get; set; }
    public string Bureau { get; private set; } = "";

    /// <summary>Base URL; requests go to <c>{EndpointUrl}/v1/checks</c>.</summary>
    public string EndpointUrl { get; set; } = "";

    /// <summary>The API key, encrypted (Data Protection); null when none is set.</summary>
    public string? ProtectedApiKey { get; set; }

    /// <summary>Product asked for when a route names none.</summary>
    public string Product { get; set; } = "";

    /// <summary>Timeout of one attempt in seconds (1–60).</summary>
    public int TimeoutSeconds { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Checks URL, product and timeout; throws <see cref="DomainException"/> naming the field.</summary>
    public void Validate()
    {
        var bureau = Bureaus.Find(Bureau) ?? throw new DomainException(CoreText.Format("Credit.UnknownBureau", Bureau), nameof(Bureau));
        if (!Uri.TryCreate(EndpointUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new DomainException(CoreText.Get("Credit.EndpointInvalid"), nameof(EndpointUrl));
        if (bureau.Product(Product) is null)
            throw new DomainException(CoreText.Format("Credit.UnknownProduct", Product, bureau.Name), nameof(Product));
        if (TimeoutSeconds is < 1 or > 60) throw new DomainException(CoreText.Get("Credit.TimeoutRange"), nameof(TimeoutSeconds));
    }
}
