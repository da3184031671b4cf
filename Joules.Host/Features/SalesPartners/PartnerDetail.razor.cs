using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Identity;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.UseCases.Commissions;
using Joules.Core.UseCases.SalesPartners;
using Joules.Host.Features.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Joules.Host.Features.SalesPartners;

public partial class PartnerDetail
{
    [Inject] private IStringLocalizer<PartnerDetail> L { get; set; } = null!;
    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private EnumText Enums { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState>? Auth { get; set; }

    [Parameter] public Guid Id { get; set; }

    private PartnerOverviewResult? _data;
    private IReadOnlyList<StatementListItem> _statements = [];
    private CommissionEntriesTable? _entries;
    private List<BreadcrumbItem> _crumbs = [];
    private bool _loaded, _canEdit, _saving;
    private int _tab;

    protected override async Task OnParametersSetAsync()
    {
        var user = Auth is null ? null : (await Auth).User;
        // Sales partner users only read: the DbContext already limits them to their own subtree.
        _canEdit = user is not null && (user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Staff));
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        await using var db = DbFactory.CreateDbContext();
        _data = await new PartnerOverview(db).RunAsync(Id);
        _statements = _data is null ? [] : await new CommissionStatements(db).ListAsync(Id);
        _crumbs = [new(L["Partners"], "partners"), new(_data?.Partner.Name ?? "?", null, disabled: true)];
        _loaded = true;
    }

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<PartnerEditDialog> { { d => d.PartnerId, Id } };
        var dialog = await Dialogs.ShowAsync<PartnerEditDialog>(L["Edit"], parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false }) await LoadAsync();
    }

    private async Task AddChildAsync()
    {
        var parameters = new DialogParameters<PartnerEditDialog> { { d => d.ParentId, Id } };
        var dialog = await Dialogs.ShowAsync<PartnerEditDialog>(L["AddChild"], parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: Guid id }) Navigation.NavigateTo($"partners/{id}");
    }

    private async Task SaveSchemeAsync(CommissionScheme scheme)
    {
        _saving = true;
        try
        {
            await using var db = DbFactory.CreateDbContext();
            await new SavePartner(db).ChangeCommissionAsync(Id, scheme);
            Snackbar.Add(L["SchemeSaved"], Severity.Success);
            await LoadAsync();
        }
        finally { _saving = false; }
    }

    private async Task CreateStatementAsync()
    {
        var parameters = new DialogParameters<StatementCreateDialog> { { d => d.PartnerId, Id } };
        var dialog = await Dialogs.ShowAsync<StatementCreateDialog>(L["NewStatement"], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: Guid id }) Navigation.NavigateTo($"partners/statements/{id}");
    }
}
