using Joules.Core.Data;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.SalesPartners;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.SalesPartners;

/// <summary>A partner with its parent, direct sub-partners and contract numbers by status.</summary>
public sealed record PartnerOverviewResult(SalesPartner Partner, string? ParentName, IReadOnlyList<PartnerListItem> SubPartners, IReadOnlyDictionary<ContractStatus, int> ContractsByStatus);

/// <summary>Reads the partner detail page's header data.</summary>
public sealed class PartnerOverview(JoulesDbContext db)
{
    public async Task<PartnerOverviewResult?> RunAsync(Guid id, CancellationToken ct = default)
    {
        var partner = await db.SalesPartners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (partner is null) return null;
        var parentName = partner.ParentId is { } parentId
            ? await db.SalesPartners.Where(p => p.Id == parentId).Select(p => p.Name).SingleOrDefaultAsync(ct) : null;
        var subs = await db.SalesPartners.AsNoTracking().Where(p => p.ParentId == id).OrderBy(p => p.Name)
            .Select(p => new PartnerListItem(p.Id, p.PartnerNumber, p.Name, p.ParentId, p.Depth, p.Channel, p.IsActive, p.ContactName, p.Email))
            .ToListAsync(ct);
        var counts = await db.Contracts.Where(c => c.SalesPartnerId == id).GroupBy(c => c.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return new PartnerOverviewResult(partner, parentName, subs, counts);
    }
}
