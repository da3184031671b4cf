using Joules.Core.Domain.Common;
using Joules.Core.Events;

namespace Joules.Core.Domain.Commissions;

/// <summary>A partner's commission statement (credit note) for a period. Releasing it pays its entries.</summary>
public sealed class CommissionStatement : AggregateRoot, ITenantOwned
{
    private CommissionStatement() { }

    public CommissionStatement(Guid brandId, Guid salesPartnerId, string number, DateOnly periodStart, DateOnly periodEnd, bool vatLiable, IReadOnlyCollection<CommissionEntry> entries)
    {
        if (periodEnd < periodStart) throw new DomainException(CoreText.Get("Statement.PeriodInvalid"), nameof(PeriodEnd));
        if (entries.Count == 0) throw new DomainException(CoreText.Get("Statement.NoEntries"));
        if (entries.Any(e => e.SalesPartnerId != salesPartnerId)) throw new DomainException(CoreText.Get("Statement.OtherPartner"));
        BrandId = brandId;
        SalesPartnerId = salesPartnerId;
        Number = number;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        foreach (var entry in entries) entry.AssignTo(this);
        NetTotal = entries.Sum(e => e.Amount);
        VatRate = vatLiable ? 0.19m : 0m;
        VatAmount = Math.Round(NetTotal * VatRate, 2, MidpointRounding.AwayFromZero);
        EntryCount = entries.Count;
    }

    public Guid BrandId { get; set; }
    public Guid SalesPartnerId { get; private set; }
    public string Number { get; private set; } = "";
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public decimal NetTotal { get; private set; }
    public decimal VatRate { get; private set; }
    public decimal VatAmount { get; private set; }
    public decimal GrossTotal => NetTotal + VatAmount;
    public int EntryCount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ReleasedAt { get; private set; }
    public string? ReleasedBy { get; private set; }

    /// <summary>Releases the settlement: its entries become paid and can no longer change.</summary>
    public void Release(IEnumerable<CommissionEntry> entries, string actor, DateTimeOffset? at = null)
    {
        if (ReleasedAt is not null) throw new DomainException(CoreText.Get("Statement.AlreadyReleased"));
        var now = at ?? DateTimeOffset.UtcNow;
        foreach (var entry in entries)
        {
            if (entry.StatementId != Id) throw new DomainException(CoreText.Get("Statement.OtherPartner"));
            entry.MarkPaid(now);
        }
        ReleasedAt = now;
        ReleasedBy = actor;
        Raise(new CommissionSettlementReleased(Id, BrandId, SalesPartnerId, Number, PeriodStart, PeriodEnd, NetTotal, actor));
    }
}
