using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Contracts;

/// <summary>One entry of a contract's append-only status history.</summary>
public sealed class ContractStatusEvent : Entity, ITenantOwned
{
    private ContractStatusEvent() { }

    internal ContractStatusEvent(Guid brandId, Guid contractId, ContractStatus? from, ContractStatus to, DateTimeOffset at, string actor, string? reason, string source)
    {
        BrandId = brandId;
        ContractId = contractId;
        From = from;
        To = to;
        At = at;
        Actor = actor;
        Reason = reason;
        Source = source;
    }

    public Guid BrandId { get; set; }
    public Guid ContractId { get; private set; }
    /// <summary>Null for the first entry, when the contract was created.</summary>
    public ContractStatus? From { get; private set; }
    public ContractStatus To { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>User name, or "system:&lt;job&gt;" for automatic changes.</summary>
    public string Actor { get; private set; } = "";
    public string? Reason { get; private set; }
    /// <summary>Where the change came from: "ui", "import", "api", a plugin id…</summary>
    public string Source { get; private set; } = "";
}
