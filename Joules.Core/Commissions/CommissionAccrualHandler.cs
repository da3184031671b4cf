using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Commissions;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Commissions;

/// <summary>Books commission entries when a sold contract changes status: the closing commission (and the parent's
/// override) on confirmation, a full clawback on withdrawal or cancellation, and a pro-rata clawback when supply ends
/// within the partner's liability period (domain.md §4). Idempotent: a repeated event books nothing new.</summary>
/// <remarks>Runs through the dispatcher as the system for all brands, so every new entry gets its brand explicitly.</remarks>
public sealed class CommissionAccrualHandler(JoulesDbContext db) : IDomainEventHandler<ContractStatusChanged>
{
    private static readonly CultureInfo Basis = CultureInfo.GetCultureInfo("de-DE");

    /// <inheritdoc />
    public async Task HandleAsync(ContractStatusChanged e, CancellationToken cancellationToken)
    {
        if (e.SalesPartnerId is null) return;
        var contract = await db.Contracts.Include(c => c.History).SingleOrDefaultAsync(c => c.Id == e.ContractId, cancellationToken);
        if (contract?.SalesPartnerId is not { } partnerId) return;
        var partner = await db.SalesPartners.SingleOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        if (partner is null) return;
        var changedOn = DateOnly.FromDateTime((contract.History.Where(h => h.To == e.To).OrderByDescending(h => h.At).FirstOrDefault()?.At ?? DateTimeOffset.UtcNow).UtcDateTime);

        switch (e.To)
        {
            case ContractStatus.Confirmed:
                await AccrueClosingAsync(contract, partner, changedOn, cancellationToken);
                break;
            case ContractStatus.Withdrawn or ContractStatus.Cancelled:
                await ClawBackAsync(contract, changedOn, _ => 1m, $"Storno ({ContractStatusText.Label(e.To)})", cancellationToken);
                break;
            case ContractStatus.Terminated or ContractStatus.Ended when contract.SupplyStart is { } start:
                var end = contract.SupplyEnd ?? changedOn;
                var months = MonthsDelivered(start, end);
                var h = partner.Commission.LiabilityMonths;
                if (h <= 0 || months >= h) break;
                await ClawBackAsync(contract, changedOn, _ => (decimal)(h - months) / h,
                    string.Create(Basis, $"Stornohaftung anteilig: ({h} − {months}) / {h} Monate"), cancellationToken);
                break;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whole months of supply from <paramref name="start"/> to the last supplied day <paramref name="end"/>.</summary>
    public static int MonthsDelivered(DateOnly start, DateOnly end)
    {
        var after = end.AddDays(1);
        var months = (after.Year - start.Year) * 12 + after.Month - start.Month;
        if (after.Day < start.Day) months--;
        return Math.Max(0, months);
    }

    private async Task AccrueClosingAsync(Contract contract, SalesPartner partner, DateOnly on, CancellationToken ct)
    {
        var exists = await db.CommissionEntries.AnyAsync(x => x.ContractId == contract.Id && x.SalesPartnerId == partner.Id && x.Kind == CommissionKind.Closing, ct);
        if (exists) return;
        var scheme = partner.Commission;
        var amount = scheme.ClosingAmount(contract.AnnualConsumptionKwh);
        if (amount == 0) return;
        var mwh = Math.Clamp(contract.AnnualConsumptionKwh / 1000m, scheme.ClosingMinMwh, Math.Max(scheme.ClosingMinMwh, scheme.ClosingMaxMwh));
        var basis = string.Create(Basis, $"Abschluss {contract.ContractNumber}: {scheme.ClosingFixed:N2} € + {scheme.ClosingPerMwh:0.00##} €/MWh × {mwh:0.###} MWh (Prognose {contract.AnnualConsumptionKwh:N0} kWh)");
        db.CommissionEntries.Add(new CommissionEntry(contract.BrandId, partner.Id, contract.Id, CommissionKind.Closing, amount, basis, on));

        if (partner.ParentId is not { } parentId || scheme.ParentOverridePercent <= 0) return;
        var overrideAmount = Math.Round(amount * scheme.ParentOverridePercent / 100m, 2, MidpointRounding.AwayFromZero);
        var overrideExists = await db.CommissionEntries.AnyAsync(x => x.ContractId == contract.Id && x.SalesPartnerId == parentId && x.Kind == CommissionKind.Override, ct);
        if (overrideAmount == 0 || overrideExists) return;
        db.CommissionEntries.Add(new CommissionEntry(contract.BrandId, parentId, contract.Id, CommissionKind.Override, overrideAmount,
            string.Create(Basis, $"Override {scheme.ParentOverridePercent:0.##} % auf Abschluss {contract.ContractNumber} von {partner.Name} ({amount:N2} €)"), on));
    }

    private async Task ClawBackAsync(Contract contract, DateOnly on, Func<CommissionEntry, decimal> share, string reason, CancellationToken ct)
    {
        var entries = await db.CommissionEntries.Where(x => x.ContractId == contract.Id).ToListAsync(ct);
        foreach (var earned in entries.Where(x => x.Kind is CommissionKind.Closing or CommissionKind.Override))
        {
            if (entries.Any(x => x.Kind == CommissionKind.Clawback && x.CorrectsEntryId == earned.Id)) continue;
            // Corrections already booked on the entry change what was earned.
            var earnedTotal = earned.Amount + entries.Where(x => x.Kind == CommissionKind.Correction && x.CorrectsEntryId == earned.Id).Sum(x => x.Amount);
            var amount = -Math.Round(earnedTotal * share(earned), 2, MidpointRounding.AwayFromZero);
            if (amount == 0) continue;
            var clawback = earned.Correct(amount, string.Create(Basis, $"{reason}: {(earned.Kind == CommissionKind.Closing ? "Abschluss" : "Override")} {earnedTotal:N2} € zurück"), on, CommissionKind.Clawback);
            clawback.BrandId = contract.BrandId;
            db.CommissionEntries.Add(clawback);
        }
    }
}
