using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;

namespace Joules.Core.Credit;

/// <summary>How deep a check goes (CRD-4): below a contract-size threshold only negative features are asked for,
/// above it the full score with history.</summary>
public enum CreditCheckDepth
{
    NegativeFeaturesOnly = 0,
    Full = 1,
}

/// <summary>Who is checked: a consumer (salutation, names, birth date, address) or a company (name, legal form,
/// register number, address) — what domain.md §5.2 lists as the content of a request.</summary>
public sealed record CreditSubject(CustomerType Type, Salutation Salutation, string? FirstName, string LastName, string? CompanyName,
    DateOnly? BirthDate, Address Address)
{
    /// <summary>Legal form of a company (e.g. "GmbH").</summary>
    public string? LegalForm { get; init; }

    /// <summary>Commercial register number of a company.</summary>
    public string? RegisterNumber { get; init; }
}

/// <summary>One request to a bureau.</summary>
/// <param name="CheckId">Our id of the check (sent as reference).</param>
/// <param name="BrandId">The brand whose bureau settings (endpoint, credentials) are used.</param>
/// <param name="Product">The bureau product to ask for.</param>
/// <param name="Depth">Negative features only, or the full check.</param>
/// <param name="Subject">Who is checked.</param>
public sealed record CreditCheckRequest(Guid CheckId, Guid BrandId, string Product, CreditCheckDepth Depth, CreditSubject Subject);

/// <summary>A credit bureau adapter; one plugin per bureau implements it. The engine asks the bureau chosen for the
/// country and customer type, and falls back to the next one when a bureau is unavailable.</summary>
public interface ICreditBureau
{
    /// <summary>Which bureau this is, its countries and products with their scales (one of <see cref="Bureaus.All"/>).</summary>
    BureauDescriptor Descriptor { get; }

    /// <summary>Asks the bureau. Returns its answer as it came (raw score on the bureau's scale).</summary>
    /// <exception cref="CreditBureauUnavailableException">Timeout, server error, malformed answer, circuit open: the
    /// check goes to manual review with <see cref="Exception.Message"/> as reason, never to a silent accept or reject.</exception>
    Task<BureauResult> CheckAsync(CreditCheckRequest request, CancellationToken ct);
}

/// <summary>The bureau could not give an answer (timeout, 5xx, malformed response, open circuit, missing settings).</summary>
public sealed class CreditBureauUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);
