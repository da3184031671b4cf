using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>A list with its subscription counts.</summary>
public sealed record ListRow(MailingList List, int Confirmed, int Unconfirmed, int Unsubscribed);

/// <summary>Mailing lists of the back office: create, edit (a changed consent text raises its version), archive or delete.</summary>
public sealed class ListService(IDbContextFactory<NewsletterDb> contexts, IAudienceAudit audit, IStringLocalizer<ListService> text)
{
    public async Task<List<ListRow>> ListAsync(Guid? brandId, bool includeArchived, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lists = await db.Lists.AsNoTracking().Where(l => (brandId == null || l.BrandId == brandId) && (includeArchived || !l.Archived))
            .OrderBy(l => l.Archived).ThenBy(l => l.Name).ToListAsync(ct);
        var ids = lists.Select(l => l.Id).ToList();
        var counts = await db.Subscriptions.Where(s => ids.Contains(s.ListId)).GroupBy(s => new { s.ListId, s.Status })
            .Select(g => new { g.Key.ListId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        int Count(long id, SubscriptionStatus status) => counts.FirstOrDefault(c => c.ListId == id && c.Status == status)?.Count ?? 0;
        return lists.Select(l => new ListRow(l, Count(l.Id, SubscriptionStatus.Confirmed), Count(l.Id, SubscriptionStatus.Unconfirmed),
            Count(l.Id, SubscriptionStatus.Unsubscribed))).ToList();
    }

    /// <summary>Creates (<c>Id == 0</c>) or updates a list; returns its id.</summary>
    public async Task<long> SaveAsync(MailingList input, CancellationToken ct = default)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) throw new DomainException(text["NameRequired"], nameof(MailingList.Name));
        if (name.Length > 200) throw new DomainException(string.Format(text["TooLong"], text["Name"], 200), nameof(MailingList.Name));
        if ((input.Description?.Length ?? 0) > 1000) throw new DomainException(string.Format(text["TooLong"], text["Description"], 1000), nameof(MailingList.Description));
        var consent = input.ConsentText?.Trim() ?? "";
        if (consent.Length > 4000) throw new DomainException(string.Format(text["TooLong"], text["ConsentText"], 4000), nameof(MailingList.ConsentText));
        if (input.LegalBasis == ListLegalBasis.Consent && consent.Length == 0)
            throw new DomainException(text["ConsentTextRequired"], nameof(MailingList.ConsentText));
        if (input.BrandId == Guid.Empty) throw new DomainException(text["BrandRequired"], nameof(MailingList.BrandId));
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Lists.AnyAsync(l => l.BrandId == input.BrandId && l.Name == name && l.Id != input.Id, ct))
            throw new DomainException(text["NameTaken"], nameof(MailingList.Name));
        MailingList list;
        if (input.Id == 0)
        {
            list = new MailingList { BrandId = input.BrandId, CreatedAt = DateTimeOffset.UtcNow, ConsentTextVersion = 1 };
            db.Lists.Add(list);
        }
        else
        {
            list = await db.Lists.FirstOrDefaultAsync(l => l.Id == input.Id, ct) ?? throw new DomainException(text["NotFound"]);
            if (list.ConsentText != consent) list.ConsentTextVersion++;
        }
        list.Name = name;
        list.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        list.LegalBasis = input.LegalBasis;
        list.Public = input.Public && input.LegalBasis == ListLegalBasis.Consent;   // § 7 (3) lists cannot be subscribed to
        list.ConsentText = consent;
        list.Archived = input.Archived;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(input.Id == 0 ? "NewsletterListCreated" : "NewsletterListChanged", "list", list.Id.ToString(),
            $"{list.Name}; {list.LegalBasis}; public={list.Public}; consentTextVersion={list.ConsentTextVersion}", ct);
        return list.Id;
    }

    /// <summary>Deletes a list without subscriptions; a list with subscriptions is archived instead (the proofs stay).
    /// Returns true if deleted, false if archived.</summary>
    public async Task<bool> DeleteOrArchiveAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.Lists.FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new DomainException(text["NotFound"]);
        var used = await db.Subscriptions.AnyAsync(s => s.ListId == id, ct) || await db.CampaignLists.AnyAsync(c => c.ListId == id, ct);
        if (used) list.Archived = true;
        else db.Lists.Remove(list);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(used ? "NewsletterListArchived" : "NewsletterListDeleted", "list", id.ToString(), list.Name, ct);
        return !used;
    }
}
