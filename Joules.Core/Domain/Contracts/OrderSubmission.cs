using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Contracts;

/// <summary>A submitted order of the public order funnel: the funnel's idempotency key (one per order form) and the
/// customer and contract it created. A second submission with the same key (double click, reload, retry after a
/// timeout) returns this contract instead of creating another.</summary>
public sealed class OrderSubmission : ITenantOwned
{
    private OrderSubmission() { }

    public static OrderSubmission Create(Guid brandId, string idempotencyKey, Guid customerId, Guid contractId, DateTimeOffset at, string? remoteAddress) => new()
    {
        Id = Guid.NewGuid(), BrandId = brandId, IdempotencyKey = idempotencyKey, CustomerId = customerId, ContractId = contractId,
        SubmittedAt = at, RemoteAddress = remoteAddress,
    };

    public Guid Id { get; private set; }
    public Guid BrandId { get; set; }

    /// <summary>The order form's key (unique per brand).</summary>
    public string IdempotencyKey { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public Guid ContractId { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>The submitting client's IP address (proof of the order, like the consents).</summary>
    public string? RemoteAddress { get; private set; }
}
