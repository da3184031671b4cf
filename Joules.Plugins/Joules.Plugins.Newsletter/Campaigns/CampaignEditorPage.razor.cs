using System.Globalization;
using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Joules.Plugins.Newsletter.Campaigns;

/// <summary>Editor and detail page of a campaign: drafts are edited, previewed, tested, sent or scheduled; other states are
/// shown read-only, running ones with live progress.</summary>
public partial class CampaignEditorPage
{
    [Inject] private CampaignService Campaigns { get; set; } = default!;
    [Inject] private NewsletterBrands Brands { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter] public long? Id { get; set; }
    [SupplyParameterFromQuery(Name = "marke")] public Guid? Brand { get; set; }

    private CampaignDraft _draft = new();
    private List<BrandChoice> _brands = [];
    private List<AudienceChoice> _lists = [];
    private List<AudienceChoice> _segments = [];
    private List<string> _attributes = [];
    private bool _loading = true;
    private bool _notFound;
    private bool _busy;
    private bool _scheduling;
    private bool _commandsMissing;
    private DateTime? _scheduleAt;

    private bool IsNew => Id is null;
    private bool Editable => Campaigns.CanWrite && _draft.Campaign.Status == CampaignStatus.Draft;
    private bool IsRunning => !IsNew && _draft.Campaign.Status is CampaignStatus.Sending or CampaignStatus.Paused or CampaignStatus.AbTestWaiting;
    private bool IsReportable => !IsNew && _draft.Campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Scheduled);

    private string ReadOnlyReason => _draft.Campaign.Status switch
    {
        CampaignStatus.Draft => L["ReadOnlyLicence"],
        CampaignStatus.Scheduled when _draft.Campaign.ScheduledAt is { } at => L["ReadOnlyScheduled", at.ToLocalTime().ToString("g", CultureInfo.CurrentCulture)],
        _ => L["ReadOnlySent"],
    };

    private ICampaignCommands? Commands => Services.GetService<ICampaignCommands>();

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _notFound = false;
        _draft = new CampaignDraft();
        _brands = await Brands.VisibleAsync();
        if (Id is { } id)
        {
            var campaign = await Campaigns.FindAsync(id);
            if (campaign is null)
            {
                _notFound = true;
                _loading = false;
                return;
            }
            _draft.Campaign = campaign;
            _draft.ListIds = campaign.Lists.Select(l => l.ListId).ToList();
        }
        else
        {
            var brandId = Brand is { } b && _brands.Any(x => x.Id == b) ? b : await Brands.DefaultAsync(_brands);
            if (brandId is null)
            {
                _notFound = true;
                _loading = false;
                return;
            }
            _draft.Campaign = new Campaign { BrandId = brandId.Value, Status = CampaignStatus.Draft, HtmlBody = StarterHtml };
            _draft.Campaign.TextBody = PlainText.FromHtml(StarterHtml);
        }
        await LoadAudienceAsync();
        _loading = false;
    }

    private async Task LoadAudienceAsync()
    {
        var brandId = _draft.Campaign.BrandId;
        _lists = await Campaigns.ListsAsync(brandId, _draft.ListIds.ToList());
        _segments = await Campaigns.SegmentsAsync(brandId);
        _attributes = await Campaigns.AttributeNamesAsync(brandId);
    }

    private async Task BrandChangedAsync(Guid brandId)
    {
        _draft.Campaign.BrandId = brandId;
        _draft.ListIds = [];
        _draft.Campaign.SegmentId = null;
        await LoadAudienceAsync();
    }

    private async Task ReloadAsync(CampaignStatus _)
    {
        if (Id is not { } id) return;
        if (await Campaigns.FindAsync(id) is { } campaign)
        {
            _draft.Campaign = campaign;
            _draft.ListIds = campaign.Lists.Select(l => l.ListId).ToList();
        }
        StateHasChanged();
    }

    /// <summary>Checks and saves the draft; on an error the message is shown next to its field. Returns the id or null.</summary>
    private async Task<long?> SaveDraftAsync()
    {
        _draft.Error = _draft.ErrorField = null;
        try
        {
            var id = await Campaigns.SaveAsync(_draft.Campaign, _draft.ListIds.ToList());
            _draft.Campaign.Id = id;
            return id;
        }
        catch (DomainException e)
        {
            _draft.Error = e.Message;
            _draft.ErrorField = e.Field;
            return null;
        }
    }

    private async Task SaveClickedAsync()
    {
        _busy = true;
        try
        {
            var wasNew = IsNew;
            if (await SaveDraftAsync() is not { } id) return;
            Snackbar.Add(L["Saved"], Severity.Success);
            if (wasNew) Navigation.NavigateTo($"newsletter/kampagnen/{id}");
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<bool> SaveBeforeTestAsync()
    {
        if (!Editable) return true;
        var wasNew = IsNew;
        var id = await SaveDraftAsync();
        if (id is not null && wasNew) Navigation.NavigateTo($"newsletter/kampagnen/{id}");
        return id is not null;
    }

    private async Task SendNowAsync()
    {
        if (Commands is not { } commands)
        {
            _commandsMissing = true;
            return;
        }
        _busy = true;
        try
        {
            if (await SaveDraftAsync() is not { } id) return;
            var count = await commands.CountRecipientsAsync(id);
            if (count == 0)
            {
                _draft.Error = L["NoRecipients"];
                return;
            }
            var confirmed = await Dialogs.ShowMessageBoxAsync(L["SendTitle"], L["SendText", _draft.Campaign.Name, count.ToString("N0", CultureInfo.CurrentCulture)],
                yesText: L["SendYes"], cancelText: L["Cancel"]);
            if (confirmed != true) return;
            await commands.SendNowAsync(id);
            Snackbar.Add(L["SendStarted"], Severity.Success);
            await OpenAsync(id);
        }
        catch (DomainException e)
        {
            _draft.Error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ScheduleAsync()
    {
        if (Commands is not { } commands)
        {
            _commandsMissing = true;
            return;
        }
        _draft.Error = _draft.ErrorField = null;
        if (_scheduleAt is not { } local)
        {
            _draft.Error = L["ScheduleRequired"];
            return;
        }
        var at = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZoneInfo.Local.GetUtcOffset(local));
        if (at <= DateTimeOffset.Now.AddMinutes(1))
        {
            _draft.Error = L["ScheduleInPast"];
            return;
        }
        _busy = true;
        try
        {
            if (await SaveDraftAsync() is not { } id) return;
            var count = await commands.CountRecipientsAsync(id);
            var confirmed = await Dialogs.ShowMessageBoxAsync(L["ScheduleTitle"],
                L["ScheduleText", _draft.Campaign.Name, at.ToString("g", CultureInfo.CurrentCulture), count.ToString("N0", CultureInfo.CurrentCulture)],
                yesText: L["ScheduleConfirm"], cancelText: L["Cancel"]);
            if (confirmed != true) return;
            await commands.ScheduleAsync(id, at);
            Snackbar.Add(L["Scheduled", at.ToString("g", CultureInfo.CurrentCulture)], Severity.Success);
            _scheduling = false;
            await OpenAsync(id);
        }
        catch (DomainException e)
        {
            _draft.Error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task UnscheduleAsync()
    {
        if (Commands is not { } commands || Id is not { } id)
        {
            _commandsMissing = true;
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["UnscheduleTitle"], L["UnscheduleText", _draft.Campaign.Name], yesText: L["Unschedule"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        _busy = true;
        try
        {
            await commands.UnscheduleAsync(id);
            Snackbar.Add(L["Unscheduled"], Severity.Success);
            await ReloadAsync(CampaignStatus.Draft);
        }
        catch (DomainException e)
        {
            _draft.Error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Shows the campaign's page again (new campaigns get their address).</summary>
    private async Task OpenAsync(long id)
    {
        if (Id != id) Navigation.NavigateTo($"newsletter/kampagnen/{id}");
        else await ReloadAsync(CampaignStatus.Draft);
    }

    private const string StarterHtml = """
        <!DOCTYPE html>
        <html lang="de">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body style="margin:0; padding:0; background:#f4f4f4; font-family:Arial, sans-serif;">
          <table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
            <table role="presentation" width="600" cellpadding="24" cellspacing="0" style="max-width:600px; width:100%; background:#ffffff;">
              <tr><td>
                <h1 style="margin:0 0 16px; font-size:22px;">{{ brand.name }}</h1>
                <p>Hallo {{ subscriber.first_name | default: "liebe Leserin, lieber Leser" }},</p>
                <p>hier steht Ihr Text.</p>
              </td></tr>
            </table>
          </td></tr></table>
        </body>
        </html>
        """;
}
