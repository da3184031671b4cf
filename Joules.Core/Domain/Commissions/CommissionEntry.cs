using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Commissions;

/// <summary>Kind of a commission entry.</summary>
public enum CommissionKind { Closing = 0, Servicing = 1, Correction = 2, Clawback = 3, Override = 4 }

/// <summary>One commission amount for a partner and contract. Append-only: once paid it never changes;
/// a correction is a new entry referencing the corrected one.</summary>
public sealed class CommissionEntry : Entity, ITenantOwned
{
    private CommissionEntry() { }

    public CommissionEntry(Guid brandId, Guid salesPartnerId, Guid contractId, CommissionKind kind, decimal amount, string basis, DateOnly earnedOn, Guid? correctsEntryId = null)
    {
        if (kind is CommissionKind.Correction or CommissionKind.Clawback && correctsEntryId is null)
            throw new DomainException(CoreText.Get("Commission.CorrectionNeedsEntry"), nameof(CorrectsEntryId));
        if (amount == 0) throw new DomainException(CoreText.Get("Commission.AmountZero"), nameof(Amount));
        BrandId = brandId;
        SalesPartnerId = salesPartnerId;
        ContractId = contractId;
        Kind = kind;
        Amount = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        Basis = basis;
        EarnedOn = earnedOn;
        CorrectsEntryId = correctsEntryId;
    }

    public Guid BrandId { get; set; }
    public Guid SalesPartnerId { get; private set; }
    public Guid ContractId { get; private set; }
    public CommissionKind Kind { get; private set; }
    /// <summary>Amount in €, net; negative for clawbacks and downward corrections.</summary>
    public decimal Amount { get; private set; }
    /// <summary>How the amount was computed (inputs, rule), for the partner's statement.</summary>
    public string Basis { get; private set; } = "";
    public DateOnly EarnedOn { get; private set; }
    public Guid? CorrectsEntryId { get; private set; }
    public Guid? StatementId { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; } = DateTimeOffset.UtcNow;

    public bool IsPaid => PaidAt is not null;

    /// <summary>A new entry that corrects this one by <paramref name="delta"/>.</summary>
    public CommissionEntry Correct(decimal delta, string basis, DateOnly on, CommissionKind kind = CommissionKind.Correction) =>
        new(BrandId, SalesPartnerId, ContractId, kind, delta, basis, on, Id);

    internal void AssignTo(CommissionStatement statement)
    {
        if (IsPaid || StatementId is not null) throw new DomainException(CoreText.Get("Commission.AlreadySettled"));
        StatementId = statement.Id;
    }

    internal void MarkPaid(DateTimeOffset at)
    {
        if (IsPaid) throw new DomainException(CoreText.Get("Commission.AlreadyPaid"));
        PaidAt = at;
    }
}
