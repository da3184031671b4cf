using System.Net.Mail;
using System.Text.Json;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Messaging.Templates;
using Joules.Core.Plugins;
using Joules.Core.Tenancy;
using Joules.Plugins.Newsletter.Analytics;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Joules.Plugins.Newsletter.Campaigns;

/// <summary>A list or segment to choose in the editor.</summary>
public sealed record AudienceChoice(long Id, string Name);

/// <summary>A subscriber found by the preview's recipient search.</summary>
public sealed record SubscriberChoice(long Id, string Email, string? Name)
{
    public override string ToString() => string.IsNullOrWhiteSpace(Name) ? Email : $"{Name} <{Email}>";
}

/// <summary>One row of the message list: the campaign and its totals from the roll-ups.</summary>
public sealed record CampaignRow(long Id, Guid BrandId, string Name, string Subject, CampaignStatus Status, IReadOnlyList<string> Lists,
    DateTimeOffset? SentAt, DateTimeOffset? ScheduledAt, CampaignTotals Totals);

/// <summary>A page of the message list.</summary>
public sealed record CampaignPage(IReadOnlyList<CampaignRow> Rows, int Total);

/// <summary>Reading, checking and saving campaigns (the editor and the message list). Sending is done by
/// <see cref="Shared.ICampaignCommands"/>; this service only changes drafts.</summary>
public sealed class CampaignService(IDbContextFactory<NewsletterDb> factory, IDbContextFactory<JoulesDbContext> coreFactory,
    ICurrentUser user, IPluginContext plugin, IStringLocalizer<CampaignService> L)
{
    public const string AuditEntity = "NewsletterCampaign";

    public bool CanWrite => plugin.AllowsChanges;

    public async Task<CampaignPage> PageAsync(Guid brandId, string? search, CampaignStatus? status, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Campaigns.AsNoTracking().Where(c => c.BrandId == brandId);
        if (status is { } s) query = query.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%";
            query = query.Where(c => EF.Functions.Like(c.Name, pattern) || EF.Functions.Like(c.Subject, pattern));
        }
        var total = await query.CountAsync(ct);
        var campaigns = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Skip(skip).Take(take)
            .Select(c => new { c.Id, c.BrandId, c.Name, c.Subject, c.Status, c.StartedAt, c.ScheduledAt }).ToListAsync(ct);
        var ids = campaigns.Select(c => c.Id).ToList();
        var listNames = await (from cl in db.CampaignLists.AsNoTracking()
                               join l in db.Lists.AsNoTracking() on cl.ListId equals l.Id
                               where ids.Contains(cl.CampaignId)
                               select new { cl.CampaignId, l.Name }).ToListAsync(ct);
        var totals = await CampaignStatistics.TotalsAsync(db, ids, ct);
        var rows = campaigns.Select(c => new CampaignRow(c.Id, c.BrandId, c.Name, c.Subject, c.Status,
            listNames.Where(l => l.CampaignId == c.Id).Select(l => l.Name).OrderBy(n => n, StringComparer.CurrentCultureIgnoreCase).ToList(),
            c.StartedAt, c.ScheduledAt, totals[c.Id])).ToList();
        return new CampaignPage(rows, total);
    }

    /// <summary>The campaign with its lists, or null.</summary>
    public async Task<Campaign?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Campaigns.AsNoTracking().Include(c => c.Lists).FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    /// <summary>The brand's lists that are not archived (plus <paramref name="include"/>, lists an older campaign uses).</summary>
    public async Task<List<AudienceChoice>> ListsAsync(Guid brandId, IReadOnlyCollection<long>? include = null, CancellationToken ct = default)
    {
        var keep = include?.ToList() ?? [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var lists = await db.Lists.AsNoTracking().Where(l => l.BrandId == brandId && (!l.Archived || keep.Contains(l.Id)))
            .Select(l => new AudienceChoice(l.Id, l.Name)).ToListAsync(ct);
        return lists.OrderBy(l => l.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public async Task<List<AudienceChoice>> SegmentsAsync(Guid brandId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var segments = await db.Segments.AsNoTracking().Where(s => s.BrandId == brandId).Select(s => new AudienceChoice(s.Id, s.Name)).ToListAsync(ct);
        return segments.OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>Subscribers of the brand whose address or name contains <paramref name="text"/> (at most 20).</summary>
    public async Task<List<SubscriberChoice>> SearchSubscribersAsync(Guid brandId, string? text, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Subscribers.AsNoTracking().Where(s => s.BrandId == brandId);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = "%" + text.Trim().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%";
            query = query.Where(s => EF.Functions.Like(s.Email, pattern) || (s.LastName != null && EF.Functions.Like(s.LastName, pattern))
                || (s.FirstName != null && EF.Functions.Like(s.FirstName, pattern)));
        }
        var found = await query.OrderBy(s => s.Email).Take(20).Select(s => new { s.Id, s.Email, s.FirstName, s.LastName }).ToListAsync(ct);
        return found.Select(s => new SubscriberChoice(s.Id, s.Email, string.Join(' ', new[] { s.FirstName, s.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))))).ToList();
    }

    /// <summary>Names of imported attributes (from subscribers' attribute JSON) usable as <c>subscriber.attributes.&lt;name&gt;</c>.</summary>
    public async Task<List<string>> AttributeNamesAsync(Guid brandId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var samples = await db.Subscribers.AsNoTracking().Where(s => s.BrandId == brandId && s.AttributesJson != null)
            .OrderByDescending(s => s.Id).Take(500).Select(s => s.AttributesJson!).ToListAsync(ct);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var json in samples)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) continue;
                foreach (var p in doc.RootElement.EnumerateObject())
                    if (p.Name.Length > 0 && p.Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')) names.Add(p.Name);
            }
            catch (JsonException) { /* not an object: ignored */ }
        }
        return names.ToList();
    }

    /// <summary>Checks a draft; throws a <see cref="DomainException"/> whose field names the editor field.</summary>
    public void Validate(Campaign c, IReadOnlyCollection<long> listIds)
    {
        if (string.IsNullOrWhiteSpace(c.Name)) throw new DomainException(L["NameRequired"], nameof(Campaign.Name));
        if (c.Name.Trim().Length > 200) throw new DomainException(L["TooLong", L["Field.Name"], 200], nameof(Campaign.Name));
        if (string.IsNullOrWhiteSpace(c.Subject)) throw new DomainException(L["SubjectRequired"], nameof(Campaign.Subject));
        if (c.Subject.Trim().Length > 300) throw new DomainException(L["TooLong", L["Field.Subject"], 300], nameof(Campaign.Subject));
        if ((c.Preheader?.Trim().Length ?? 0) > 300) throw new DomainException(L["TooLong", L["Field.Preheader"], 300], nameof(Campaign.Preheader));
        if ((c.FromName?.Trim().Length ?? 0) > 200) throw new DomainException(L["TooLong", L["Field.FromName"], 200], nameof(Campaign.FromName));
        if (!string.IsNullOrWhiteSpace(c.FromAddress) && !IsEmail(c.FromAddress.Trim()))
            throw new DomainException(L["FromAddressInvalid", c.FromAddress.Trim()], nameof(Campaign.FromAddress));
        if (listIds.Count == 0) throw new DomainException(L["ListsRequired"], nameof(Campaign.Lists));
        if (string.IsNullOrWhiteSpace(c.HtmlBody)) throw new DomainException(L["HtmlRequired"], nameof(Campaign.HtmlBody));
        switch (c.AbTest)
        {
            case AbTestKind.Subject when string.IsNullOrWhiteSpace(c.SubjectB):
                throw new DomainException(L["SubjectBRequired"], nameof(Campaign.SubjectB));
            case AbTestKind.Subject when c.SubjectB!.Trim().Length > 300:
                throw new DomainException(L["TooLong", L["Field.SubjectB"], 300], nameof(Campaign.SubjectB));
            case AbTestKind.Content when string.IsNullOrWhiteSpace(c.HtmlBodyB):
                throw new DomainException(L["HtmlBRequired"], nameof(Campaign.HtmlBodyB));
        }
        if (c.AbTest != AbTestKind.None)
        {
            if (c.AbSamplePercent is < 2 or > 50) throw new DomainException(L["SampleRange"], nameof(Campaign.AbSamplePercent));
            if (c.AbWaitMinutes is < 10 or > 10080) throw new DomainException(L["WaitRange"], nameof(Campaign.AbWaitMinutes));
        }
        CheckLiquid(c);
    }

    /// <summary>Parses every Liquid part; the first error is thrown with the part, line and column.</summary>
    public void CheckLiquid(Campaign c)
    {
        var parts = new List<(string Field, string Label, string? Source)>
        {
            (nameof(Campaign.Subject), L["Field.Subject"], c.Subject),
            (nameof(Campaign.Preheader), L["Field.Preheader"], c.Preheader),
            (nameof(Campaign.HtmlBody), L["Field.HtmlBody"], c.HtmlBody),
            (nameof(Campaign.TextBody), L["Field.TextBody"], c.TextBody),
        };
        if (c.AbTest == AbTestKind.Subject) parts.Add((nameof(Campaign.SubjectB), L["Field.SubjectB"], c.SubjectB));
        if (c.AbTest == AbTestKind.Content)
        {
            parts.Add((nameof(Campaign.HtmlBodyB), L["Field.HtmlBodyB"], c.HtmlBodyB));
            parts.Add((nameof(Campaign.TextBodyB), L["Field.TextBodyB"], c.TextBodyB));
        }
        foreach (var (field, label, source) in parts)
        {
            if (string.IsNullOrEmpty(source)) continue;
            if (!TemplateValidator.TryParse(source, out _, out var error))
                throw new DomainException(L["LiquidError", label, error!.Line, error.Column, error.Detail], field);
        }
    }

    /// <summary>Saves a draft (new when <see cref="Campaign.Id"/> is 0) with its lists; returns the id.</summary>
    public async Task<long> SaveAsync(Campaign input, IReadOnlyCollection<long> listIds, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(input.TextBody)) input.TextBody = PlainText.FromHtml(input.HtmlBody);
        if (input.AbTest == AbTestKind.Content && string.IsNullOrWhiteSpace(input.TextBodyB)) input.TextBodyB = PlainText.FromHtml(input.HtmlBodyB);
        Validate(input, listIds);
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = listIds.Distinct().ToList();
        var valid = await db.Lists.AsNoTracking().Where(l => l.BrandId == input.BrandId && ids.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct);
        if (valid.Count != ids.Count) throw new DomainException(L["ListUnknown"], nameof(Campaign.Lists));
        if (input.SegmentId is { } segmentId && !await db.Segments.AnyAsync(s => s.Id == segmentId && s.BrandId == input.BrandId, ct))
            throw new DomainException(L["SegmentUnknown"], nameof(Campaign.SegmentId));

        Campaign campaign;
        var created = input.Id == 0;
        if (created)
        {
            campaign = new Campaign { BrandId = input.BrandId, Status = CampaignStatus.Draft, CreatedBy = user.UserName, CreatedAt = DateTimeOffset.UtcNow };
            db.Campaigns.Add(campaign);
        }
        else
        {
            campaign = await db.Campaigns.Include(c => c.Lists).FirstOrDefaultAsync(c => c.Id == input.Id, ct)
                ?? throw new DomainException(L["NotFound"]);
            if (campaign.Status != CampaignStatus.Draft) throw new DomainException(L["OnlyDrafts"]);
        }
        Copy(input, campaign);
        campaign.UpdatedAt = DateTimeOffset.UtcNow;
        campaign.Lists.RemoveAll(l => !ids.Contains(l.ListId));
        foreach (var id in ids.Where(id => campaign.Lists.All(l => l.ListId != id))) campaign.Lists.Add(new CampaignList { ListId = id });
        await db.SaveChangesAsync(ct);
        await AuditAsync(created ? "NewsletterCampaignCreated" : "NewsletterCampaignUpdated", campaign.Id,
            new { campaign.Name, campaign.Subject, Lists = ids, campaign.SegmentId, AbTest = campaign.AbTest.ToString() }, ct);
        return campaign.Id;
    }

    /// <summary>A new draft with the content, audience and test settings of campaign <paramref name="id"/>.</summary>
    public async Task<long> DuplicateAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var source = await db.Campaigns.AsNoTracking().Include(c => c.Lists).FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new DomainException(L["NotFound"]);
        var copy = new Campaign { BrandId = source.BrandId, Status = CampaignStatus.Draft, CreatedBy = user.UserName };
        Copy(source, copy);
        var name = L["CopyName", source.Name].Value;
        copy.Name = name.Length > 200 ? name[..200] : name;
        copy.Lists = source.Lists.Select(l => new CampaignList { ListId = l.ListId }).ToList();
        db.Campaigns.Add(copy);
        await db.SaveChangesAsync(ct);
        await AuditAsync("NewsletterCampaignDuplicated", copy.Id, new { From = id, copy.Name }, ct);
        return copy.Id;
    }

    /// <summary>Deletes a draft.</summary>
    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.Include(c => c.Lists).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new DomainException(L["NotFound"]);
        if (campaign.Status != CampaignStatus.Draft) throw new DomainException(L["DeleteOnlyDrafts"]);
        db.Campaigns.Remove(campaign);
        await db.SaveChangesAsync(ct);
        await AuditAsync("NewsletterCampaignDeleted", id, new { campaign.Name }, ct);
    }

    /// <summary>Writes an audit entry for an action on a campaign.</summary>
    public async Task AuditAsync(string action, long campaignId, object details, CancellationToken ct = default)
    {
        await using var core = await coreFactory.CreateDbContextAsync(ct);
        core.Audit(action, AuditEntity, campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Serialize(details));
        await core.SaveChangesAsync(ct);
    }

    private static void Copy(Campaign from, Campaign to)
    {
        to.Name = from.Name.Trim();
        to.Subject = from.Subject.Trim();
        to.Preheader = Clean(from.Preheader);
        to.FromName = Clean(from.FromName);
        to.FromAddress = Clean(from.FromAddress);
        to.HtmlBody = from.HtmlBody;
        to.TextBody = from.TextBody;
        to.SegmentId = from.SegmentId;
        to.AbTest = from.AbTest;
        to.SubjectB = from.AbTest == AbTestKind.Subject ? Clean(from.SubjectB) : from.SubjectB;
        to.HtmlBodyB = from.HtmlBodyB;
        to.TextBodyB = from.TextBodyB;
        to.AbSamplePercent = from.AbSamplePercent;
        to.AbWaitMinutes = from.AbWaitMinutes;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static bool IsEmail(string s) =>
        s.Length <= 254 && MailAddress.TryCreate(s, out var parsed) && parsed.Address == s && s.Contains('.', StringComparison.Ordinal);
}
