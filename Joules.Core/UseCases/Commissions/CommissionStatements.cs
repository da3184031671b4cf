using Joules.Core.Data;
using Joules.Core.Domain.Commissions;
using Joules.Core.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Commissions;

/// <summary>One statement line.</summary>
public sealed record StatementLine(Guid EntryId, string ContractNumber, CommissionKind Kind, string Basis, DateOnly EarnedOn, decimal Amount);

/// <summary>A statement with its partner and lines.</summary>
public sealed record StatementView(CommissionStatement Statement, string PartnerName, string PartnerNumber, IReadOnlyList<StatementLine> Lines);

/// <summary>Short row of a partner's statements.</summary>
public sealed record StatementListItem(Guid Id, string Number, DateOnly PeriodStart, DateOnly PeriodEnd, int EntryCount, decimal NetTotal, decimal VatAmount, DateTimeOffset? ReleasedAt);

/// <summary>Commission statements (Gutschriften): create for a partner and period, read, release.</summary>
public sealed class CommissionStatements(JoulesDbContext db)
{
    /// <summary>Open entries a statement for the period would contain.</summary>
    public IQueryable<CommissionEntry> OpenEntries(Guid partnerId, DateOnly from, DateOnly to) =>
        db.CommissionEntries.Where(e => e.SalesPartnerId == partnerId && e.StatementId == null && e.PaidAt == null && e.EarnedOn >= from && e.EarnedOn <= to);

    /// <summary>Creates a statement of all open entries of the partner earned in the period, numbered "GS-{year}-{nnnn}" per brand.</summary>
    public async Task<CommissionStatement> CreateAsync(Guid partnerId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from) throw new DomainException(CoreText.Get("Statement.PeriodInvalid"), nameof(CommissionStatement.PeriodEnd));
        var partner = await db.SalesPartners.SingleAsync(p => p.Id == partnerId, ct);
        var entries = await OpenEntries(partnerId, from, to).ToListAsync(ct);
        if (entries.Count == 0) throw new DomainException(CoreText.Get("Statement.NoEntries"));
        var statement = new CommissionStatement(partner.BrandId, partner.Id, await NextNumberAsync(partner.BrandId, to.Year, ct), from, to, partner.IsVatLiable, entries);
        db.CommissionStatements.Add(statement);
        await db.SaveChangesAsync(ct);
        return statement;
    }

    /// <summary>The next free number of the brand and year.</summary>
    public async Task<string> NextNumberAsync(Guid brandId, int year, CancellationToken ct = default)
    {
        var prefix = $"GS-{year}-";
        var numbers = await db.CommissionStatements.IgnoreQueryFilters().Where(s => s.BrandId == brandId && s.Number.StartsWith(prefix)).Select(s => s.Number).ToListAsync(ct);
        var max = numbers.Select(n => int.TryParse(n[prefix.Length..], out var i) ? i : 0).DefaultIfEmpty(0).Max();
        return $"{prefix}{max + 1:0000}";
    }

    public async Task<IReadOnlyList<StatementListItem>> ListAsync(Guid partnerId, CancellationToken ct = default) =>
        await db.CommissionStatements.AsNoTracking().Where(s => s.SalesPartnerId == partnerId).OrderByDescending(s => s.PeriodEnd).ThenByDescending(s => s.Number)
            .Select(s => new StatementListItem(s.Id, s.Number, s.PeriodStart, s.PeriodEnd, s.EntryCount, s.NetTotal, s.VatAmount, s.ReleasedAt))
            .ToListAsync(ct);

    public async Task<StatementView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var statement = await db.CommissionStatements.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null) return null;
        var partner = await db.SalesPartners.IgnoreQueryFilters().Where(p => p.Id == statement.SalesPartnerId).Select(p => new { p.Name, p.PartnerNumber }).SingleAsync(ct);
        var lines = await (
            from e in db.CommissionEntries.AsNoTracking().Where(e => e.StatementId == id)
            join c in db.Contracts.IgnoreQueryFilters() on e.ContractId equals c.Id
            orderby e.EarnedOn, c.ContractNumber
            select new StatementLine(e.Id, c.ContractNumber, e.Kind, e.Basis, e.EarnedOn, e.Amount)).ToListAsync(ct);
        return new StatementView(statement, partner.Name, partner.PartnerNumber, lines);
    }

    /// <summary>Releases the statement: its entries become paid; the released event is stored in the same save.</summary>
    public async Task ReleaseAsync(Guid id, CancellationToken ct = default)
    {
        var statement = await db.CommissionStatements.SingleAsync(s => s.Id == id, ct);
        var entries = await db.CommissionEntries.Where(e => e.StatementId == id).ToListAsync(ct);
        statement.Release(entries, db.User.UserName);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Books a correction of <paramref name="delta"/> € on an entry as a new entry (the entry itself never changes).</summary>
    public async Task<CommissionEntry> CorrectAsync(Guid entryId, decimal delta, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException(CoreText.Get("Commission.ReasonRequired"), "Reason");
        var entry = await db.CommissionEntries.AsNoTracking().SingleAsync(e => e.Id == entryId, ct);
        var correction = entry.Correct(delta, reason.Trim(), DateOnly.FromDateTime(DateTime.UtcNow));
        db.CommissionEntries.Add(correction);
        await db.SaveChangesAsync(ct);
        return correction;
    }
}
