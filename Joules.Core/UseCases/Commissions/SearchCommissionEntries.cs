using Joules.Core.Data;
using Joules.Core.Domain.Commissions;
using Joules.Core.UseCases.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Commissions;

/// <summary>Filter and page of a partner's commission entries. <see cref="Paid"/>: true paid only, false open only.</summary>
public sealed record CommissionEntrySearch(Guid SalesPartnerId, bool? Paid = null, CommissionKind? Kind = null, int Page = 0, int PageSize = 25);

/// <summary>One commission entry with its contract number and statement number.</summary>
public sealed record CommissionEntryItem(Guid Id, Guid ContractId, string ContractNumber, CommissionKind Kind, decimal Amount, string Basis, DateOnly EarnedOn,
    Guid? CorrectsEntryId, Guid? StatementId, string? StatementNumber, DateTimeOffset? PaidAt);

/// <summary>A partner's commission entries, newest first.</summary>
public sealed class SearchCommissionEntries(JoulesDbContext db)
{
    public async Task<PagedResult<CommissionEntryItem>> RunAsync(CommissionEntrySearch s, CancellationToken ct = default)
    {
        var q = db.CommissionEntries.AsNoTracking().Where(e => e.SalesPartnerId == s.SalesPartnerId);
        if (s.Paid is true) q = q.Where(e => e.PaidAt != null);
        if (s.Paid is false) q = q.Where(e => e.PaidAt == null);
        if (s.Kind is { } kind) q = q.Where(e => e.Kind == kind);
        var total = await q.CountAsync(ct);
        var items = await (
            from e in q.OrderByDescending(e => e.EarnedOn).ThenByDescending(e => e.CreatedAt).Skip(s.Page * s.PageSize).Take(s.PageSize)
            join c in db.Contracts.IgnoreQueryFilters() on e.ContractId equals c.Id
            join st in db.CommissionStatements on e.StatementId equals st.Id into sts
            from st in sts.DefaultIfEmpty()
            orderby e.EarnedOn descending, e.CreatedAt descending
            select new CommissionEntryItem(e.Id, e.ContractId, c.ContractNumber, e.Kind, e.Amount, e.Basis, e.EarnedOn, e.CorrectsEntryId, e.StatementId,
                st == null ? null : st.Number, e.PaidAt))
            .ToListAsync(ct);
        return new PagedResult<CommissionEntryItem>(items, total);
    }
}
