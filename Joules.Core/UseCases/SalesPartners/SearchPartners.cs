using Joules.Core.Data;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.UseCases.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.SalesPartners;

/// <summary>Filter and page of the partner tree.</summary>
public sealed record PartnerSearch(string? Text = null, bool? Active = null, int Page = 0, int PageSize = 50);

/// <summary>One row of the partner tree; <see cref="Depth"/> is the indentation level.</summary>
public sealed record PartnerListItem(Guid Id, string PartnerNumber, string Name, Guid? ParentId, int Depth, SalesChannel Channel, bool IsActive, string? ContactName, string? Email);

/// <summary>Partners in hierarchy order (ordered by the materialised path, so children follow their parent).
/// With a search text, matches are shown with their place in the tree (depth) but without their ancestors.</summary>
public sealed class SearchPartners(JoulesDbContext db)
{
    public async Task<PagedResult<PartnerListItem>> RunAsync(PartnerSearch s, CancellationToken ct = default)
    {
        var q = db.SalesPartners.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(s.Text))
        {
            var text = s.Text.Trim();
            q = q.Where(p => p.Name.Contains(text) || p.PartnerNumber.StartsWith(text) || (p.ContactName != null && p.ContactName.Contains(text)));
        }
        if (s.Active is { } active) q = q.Where(p => p.IsActive == active);
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(p => p.HierarchyPath).Skip(s.Page * s.PageSize).Take(s.PageSize)
            .Select(p => new PartnerListItem(p.Id, p.PartnerNumber, p.Name, p.ParentId, p.Depth, p.Channel, p.IsActive, p.ContactName, p.Email))
            .ToListAsync(ct);
        return new PagedResult<PartnerListItem>(items, total);
    }
}
