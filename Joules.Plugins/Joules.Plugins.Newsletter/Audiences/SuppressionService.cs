using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>The brand's suppression list: addresses that get no marketing mail whatever list they are on (see
/// <see cref="AudienceQuery"/>).</summary>
public sealed class SuppressionService(IDbContextFactory<NewsletterDb> contexts, IAudienceAudit audit, IStringLocalizer<SuppressionService> text)
{
    public async Task<(List<Suppression> Rows, int Total)> SearchAsync(Guid? brandId, string? search, SuppressionReason? reason, int page, int pageSize,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Suppressions.AsNoTracking().AsQueryable();
        if (brandId is { } brand) query = query.Where(s => s.BrandId == brand);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var q = search.Trim().ToLowerInvariant();
            query = query.Where(s => s.Email.Contains(q));
        }
        if (reason is { } r) query = query.Where(s => s.Reason == r);
        var total = await query.CountAsync(ct);
        return (await query.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(ct), total);
    }

    public async Task AddAsync(Guid brandId, string email, string? note, CancellationToken ct = default)
    {
        var normalised = PublicSubscriptions.ValidEmail(email, text);
        if ((note?.Length ?? 0) > 500) throw new DomainException(text["NoteTooLong"], "Note");
        if (brandId == Guid.Empty) throw new DomainException(text["BrandRequired"], "Brand");
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Suppressions.AnyAsync(s => s.BrandId == brandId && s.Email == normalised, ct))
            throw new DomainException(text["AlreadySuppressed"], "Email");
        db.Suppressions.Add(new Suppression { BrandId = brandId, Email = normalised, Reason = SuppressionReason.Manual,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync("NewsletterSuppressionAdded", "suppression", normalised, note, ct);
    }

    public async Task RemoveAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Suppressions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (row is null) return;
        db.Suppressions.Remove(row);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync("NewsletterSuppressionRemoved", "suppression", row.Email, row.Reason.ToString(), ct);
    }
}
