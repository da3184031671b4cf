using System.Globalization;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Identity;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Joules.Plugins.Newsletter.Campaigns;

/// <summary>The message list (MKT-3): campaigns of a brand with their totals from the roll-ups.</summary>
public partial class CampaignListPage
{
    [Inject] private CampaignService Campaigns { get; set; } = default!;
    [Inject] private NewsletterBrands Brands { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IStringLocalizer<CampaignStatusChip> StatusText { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "marke")] public Guid? Brand { get; set; }

    private List<BrandChoice>? _brands;
    private Guid _brandId;
    private string? _search;
    private CampaignStatus? _status;
    private int _total;
    private MudTable<CampaignRow>? _table;

    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? Auth { get; set; }

    /// <summary>Administrators and staff edit; analysts read the list, reports and heatmaps.</summary>
    private bool _canEdit;

    protected override async Task OnInitializedAsync()
    {
        var user = Auth is null ? null : (await Auth).User;
        _canEdit = Campaigns.CanWrite && user is not null && (user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Staff));
        var brands = await Brands.VisibleAsync();
        _brandId = Brand is { } b && brands.Any(x => x.Id == b) ? b : await Brands.DefaultAsync(brands) ?? Guid.Empty;
        _brands = brands;
    }

    private async Task<TableData<CampaignRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        var page = await Campaigns.PageAsync(_brandId, _search, _status, state.Page * state.PageSize, state.PageSize, ct);
        _total = page.Total;
        return new TableData<CampaignRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task BrandChangedAsync(Guid brandId)
    {
        _brandId = brandId;
        await ReloadAsync();
    }

    private async Task SearchChangedAsync(string? text)
    {
        _search = text;
        await ReloadAsync();
    }

    private async Task StatusChangedAsync(CampaignStatus? status)
    {
        _status = status;
        await ReloadAsync();
    }

    private static bool HasReport(CampaignStatus status) => status is CampaignStatus.Sent or CampaignStatus.Sending or CampaignStatus.Paused
        or CampaignStatus.AbTestWaiting or CampaignStatus.Cancelled or CampaignStatus.Failed;

    private string When(CampaignRow row) => row.SentAt is { } sent ? sent.ToLocalTime().ToString("g", CultureInfo.CurrentCulture)
        : row.Status == CampaignStatus.Scheduled && row.ScheduledAt is { } at ? L["ScheduledFor", at.ToLocalTime().ToString("g", CultureInfo.CurrentCulture)] : "–";

    private static string Number(long n) => n.ToString("N0", CultureInfo.CurrentCulture);

    private static string WithRate(long n, long of) =>
        of <= 0 ? Number(n) : $"{Number(n)} ({((double)n / of).ToString("P1", CultureInfo.CurrentCulture)})";

    private async Task DuplicateAsync(CampaignRow row)
    {
        try
        {
            var id = await Campaigns.DuplicateAsync(row.Id);
            Snackbar.Add(L["Duplicated", row.Name], Severity.Success);
            Navigation.NavigateTo($"newsletter/kampagnen/{id}");
        }
        catch (DomainException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }

    private async Task DeleteAsync(CampaignRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["DeleteTitle"], L["DeleteText", row.Name], yesText: L["Delete"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        try
        {
            await Campaigns.DeleteAsync(row.Id);
            Snackbar.Add(L["Deleted", row.Name], Severity.Success);
            await ReloadAsync();
        }
        catch (DomainException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }
}
