using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>Saved segments and the live count of the recipients a segment leaves on chosen lists.</summary>
public sealed class SegmentService(IDbContextFactory<NewsletterDb> contexts, IAudienceAudit audit, IStringLocalizer<SegmentService> text)
{
    public async Task<List<Segment>> ListAsync(Guid? brandId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Segments.AsNoTracking().Where(s => brandId == null || s.BrandId == brandId).OrderBy(s => s.Name).ToListAsync(ct);
    }

    /// <summary>Recipients of <paramref name="listIds"/> that match <paramref name="segment"/> (null: the whole lists).</summary>
    public async Task<int> CountAsync(Guid brandId, IReadOnlyCollection<long> listIds, Segment? segment, CancellationToken ct = default)
    {
        if (listIds.Count == 0) return 0;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await AudienceQuery.Recipients(db, brandId, listIds, segment).CountAsync(ct);
    }

    public async Task<long> SaveAsync(Segment input, CancellationToken ct = default)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) throw new DomainException(text["NameRequired"], nameof(Segment.Name));
        if (name.Length > 200) throw new DomainException(text["NameTooLong"], nameof(Segment.Name));
        if ((input.PostalCodePrefix?.Trim().Length ?? 0) > 10) throw new DomainException(text["PostalCodeTooLong"], nameof(Segment.PostalCodePrefix));
        if (input.Language is { Length: > 0 } lang && lang is not ("de" or "en")) throw new DomainException(text["LanguageInvalid"], nameof(Segment.Language));
        if (input.BrandId == Guid.Empty) throw new DomainException(text["BrandRequired"], "Brand");
        await using var db = await contexts.CreateDbContextAsync(ct);
        Segment segment;
        if (input.Id == 0)
        {
            segment = new Segment { BrandId = input.BrandId, CreatedAt = DateTimeOffset.UtcNow };
            db.Segments.Add(segment);
        }
        else segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == input.Id, ct) ?? throw new DomainException(text["NotFound"]);
        segment.Name = name;
        segment.Source = input.Source;
        segment.PostalCodePrefix = string.IsNullOrWhiteSpace(input.PostalCodePrefix) ? null : input.PostalCodePrefix.Trim();
        segment.Language = string.IsNullOrWhiteSpace(input.Language) ? null : input.Language;
        segment.TrackingConsent = input.TrackingConsent;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(input.Id == 0 ? "NewsletterSegmentCreated" : "NewsletterSegmentChanged", "segment", segment.Id.ToString(), segment.Name, ct);
        return segment.Id;
    }

    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null) return;
        if (await db.Campaigns.AnyAsync(c => c.SegmentId == id && c.Status != CampaignStatus.Draft, ct))
            throw new DomainException(text["InUse"]);
        foreach (var draft in await db.Campaigns.Where(c => c.SegmentId == id).ToListAsync(ct)) draft.SegmentId = null;
        db.Segments.Remove(segment);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync("NewsletterSegmentDeleted", "segment", id.ToString(), segment.Name, ct);
    }
}
