using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Audiences;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Sending.Composition;
using Joules.Plugins.Newsletter.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Plugins.Newsletter.Sending.Pipeline;

/// <summary>Send now, schedule, pause, resume, cancel: each checks the status (a DomainException names the current one),
/// changes it with a conditional update (two clicks cannot both win) and is written to Core's audit trail.</summary>
public sealed class CampaignCommands(IDbContextFactory<NewsletterDb> factory, CampaignDispatcher dispatcher, ComposerFactory composers,
    IServiceProvider services, ILogger<CampaignCommands> log) : ICampaignCommands
{
    public async Task SendNowAsync(long campaignId, CancellationToken ct = default)
    {
        var campaign = await LoadAsync(campaignId, ct);
        Require(campaign, CampaignStatus.Draft, CampaignStatus.Scheduled);
        await ValidateAsync(campaign, ct);
        if (await CountAsync(campaign, ct) == 0) throw SendingText.Error("Campaign.NoRecipients", "Lists");
        var now = DateTimeOffset.UtcNow;
        await TransitionAsync(campaign, [CampaignStatus.Draft, CampaignStatus.Scheduled], s => s
            .SetProperty(c => c.Status, CampaignStatus.Sending)
            .SetProperty(c => c.StartedAt, now)
            .SetProperty(c => c.Phase, SendPhase.Main)
            .SetProperty(c => c.CheckpointSubscriberId, 0L)
            .SetProperty(c => c.ToSend, 0)
            .SetProperty(c => c.LastError, (string?)null)
            .SetProperty(c => c.UpdatedAt, now), ct);
        await AuditAsync("newsletter.campaign.send", campaign, null, ct);
        await dispatcher.StartAsync(campaignId);
    }

    public async Task ScheduleAsync(long campaignId, DateTimeOffset at, CancellationToken ct = default)
    {
        var campaign = await LoadAsync(campaignId, ct);
        Require(campaign, CampaignStatus.Draft, CampaignStatus.Scheduled);
        if (at <= DateTimeOffset.UtcNow) throw SendingText.Error("Campaign.ScheduleInPast", "ScheduledAt");
        await ValidateAsync(campaign, ct);
        var now = DateTimeOffset.UtcNow;
        await TransitionAsync(campaign, [CampaignStatus.Draft, CampaignStatus.Scheduled], s => s
            .SetProperty(c => c.Status, CampaignStatus.Scheduled)
            .SetProperty(c => c.ScheduledAt, at)
            .SetProperty(c => c.UpdatedAt, now), ct);
        await AuditAsync("newsletter.campaign.schedule", campaign, at.ToString("O"), ct);
    }

    public async Task UnscheduleAsync(long campaignId, CancellationToken ct = default)
    {
        var campaign = await LoadAsync(campaignId, ct);
        Require(campaign, CampaignStatus.Scheduled);
        var now = DateTimeOffset.UtcNow;
        await TransitionAsync(campaign, [CampaignStatus.Scheduled], s => s
            .SetProperty(c => c.Status, CampaignStatus.Draft)
            .SetProperty(c => c.ScheduledAt, (DateTimeOffset?)null)
            .SetProperty(c => c.UpdatedAt, now), ct);
        await AuditAsync("newsletter.campaign.unschedule", campaign, null, ct);
    }

    public async Task PauseAsync(long campaignId, CancellationToken ct = default)
    {
        var campaign = await LoadAsync(campaignId, ct);
        Require(campaign, CampaignStatus.Sending);
        var now = DateTimeOffset.UtcNow;
        await TransitionAsync(campaign, [CampaignStatus.Sending], s => s
            .SetProperty(c => c.Status, CampaignStatus.Paused)
            .SetProperty(c => c.UpdatedAt, now), ct);
        await dispatcher.StopAsync(campaignId, ct);
        await AuditAsync("newsletter.campaign.pause", campaign, null, ct);
    }

    public async Task ResumeAsync(long campaignId, CancellationToken ct = default)
    {
        var campaign = await LoadAsync(campaignId, ct);
        Require(campaign, CampaignStatus.Paused, CampaignStatus.Failed);
        if (campaign.Status == CampaignStatus.Failed) await ValidateAsync(campaign, ct);
        var now = DateTimeOffset.UtcNow;
        await TransitionAsync(campaign, [CampaignStatus.Paused, CampaignStatus.Failed], s => s
            .SetProperty(c => c.Status, CampaignStatus.Sending)
            .SetProperty(c => c.StartedAt, c => c.StartedAt ?? now)
            .SetProperty(c => c.LastError, (string?)null)
            .SetProperty(c => c.UpdatedAt, now), ct);
        await AuditAsync("newsletter.campaign.resume", campaign, null, ct);
        await dispatcher.StartAsync(campaignId);
    }

    public async Task CancelAsync(long campaignId, CancellationToken ct = default)
    {
        var campaign = await LoadAsync(campaignId, ct);
        CampaignStatus[] allowed = [CampaignStatus.Scheduled, CampaignStatus.Sending, CampaignStatus.Paused, CampaignStatus.AbTestWaiting, CampaignStatus.Failed];
        Require(campaign, allowed);
        var now = DateTimeOffset.UtcNow;
        await TransitionAsync(campaign, allowed, s => s
            .SetProperty(c => c.Status, CampaignStatus.Cancelled)
            .SetProperty(c => c.FinishedAt, now)
            .SetProperty(c => c.UpdatedAt, now), ct);
        await dispatcher.StopAsync(campaignId, ct);
        await AuditAsync("newsletter.campaign.cancel", campaign, null, ct);
    }

    public async Task<int> CountRecipientsAsync(long campaignId, CancellationToken ct = default) =>
        await CountAsync(await LoadAsync(campaignId, ct), ct);

    private async Task<int> CountAsync(Campaign campaign, CancellationToken ct)
    {
        var listIds = campaign.Lists.Select(l => l.ListId).ToList();
        if (listIds.Count == 0) return 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        var segment = campaign.SegmentId is { } id ? await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) : null;
        return await AudienceQuery.Recipients(db, campaign.BrandId, listIds, segment).CountAsync(ct);
    }

    private async Task<Campaign> LoadAsync(long campaignId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Campaigns.AsNoTracking().Include(c => c.Lists).FirstOrDefaultAsync(c => c.Id == campaignId, ct)
            ?? throw SendingText.Error("Campaign.NotFound");
    }

    private static void Require(Campaign campaign, params CampaignStatus[] allowed)
    {
        if (!allowed.Contains(campaign.Status))
            throw SendingText.Error("Campaign.WrongStatus", "Status", SendingText.StatusLabel(campaign.Status));
    }

    /// <summary>Lists, subject, content, variant B, and the Liquid of every part (line and column).</summary>
    private async Task ValidateAsync(Campaign campaign, CancellationToken ct)
    {
        if (campaign.Lists.Count == 0) throw SendingText.Error("Campaign.NoLists", "Lists");
        if (string.IsNullOrWhiteSpace(campaign.Subject)) throw SendingText.Error("Campaign.SubjectRequired", "Subject");
        if (string.IsNullOrWhiteSpace(campaign.HtmlBody) || string.IsNullOrWhiteSpace(campaign.TextBody))
            throw SendingText.Error("Campaign.BodyRequired", "HtmlBody");
        if (campaign.AbTest == AbTestKind.Subject && string.IsNullOrWhiteSpace(campaign.SubjectB))
            throw SendingText.Error("Campaign.VariantBMissing", "SubjectB", SendingText.Get("Campaign.SubjectRequired"));
        if (campaign.AbTest == AbTestKind.Content && string.IsNullOrWhiteSpace(campaign.HtmlBodyB))
            throw SendingText.Error("Campaign.VariantBMissing", "HtmlBodyB", SendingText.Get("Campaign.BodyRequired"));
        await composers.CreateAsync(campaign, ct);   // throws TemplateRenderException (a DomainException) with part, line, column
    }

    private async Task TransitionAsync(Campaign campaign, CampaignStatus[] from, Action<UpdateSettersBuilder<Campaign>> set, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var changed = await db.Campaigns.Where(c => c.Id == campaign.Id && from.Contains(c.Status)).ExecuteUpdateAsync(set, ct);
        if (changed == 0)
        {
            var status = await db.Campaigns.Where(c => c.Id == campaign.Id).Select(c => c.Status).FirstAsync(ct);
            throw SendingText.Error("Campaign.WrongStatus", "Status", SendingText.StatusLabel(status));
        }
    }

    private async Task AuditAsync(string action, Campaign campaign, string? details, CancellationToken ct)
    {
        try
        {
            var core = services.GetService<IDbContextFactory<JoulesDbContext>>();
            if (core is null) return;
            await using var db = await core.CreateDbContextAsync(ct);
            db.Audit(action, "NewsletterCampaign", campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                details is null ? campaign.Name : $"{campaign.Name}: {details}");
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is InvalidOperationException or DbUpdateException)
        {
            log.LogWarning(e, "Audit entry {Action} for campaign {Campaign} could not be written", action, campaign.Id);
        }
    }
}
