using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.UseCases.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Joules.Host.Features.Contracts;

public partial class ContractDetailPage
{
    private const int HistoryTab = 1;

    private ContractDetail? _detail;
    private bool _loaded;
    private bool _canEdit;
    private int _tab;

    [Parameter] public Guid Id { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthState).User;
        _canEdit = ContractRoles.Editors.Split(',').Any(user.IsInRole);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        _detail = await new GetContractDetail(db).RunAsync(Id);
        _loaded = true;
    }

    /// <summary>Runs the use case for the dialog; a refused change returns the domain's message.</summary>
    private async Task<string?> ChangeStatusAsync(ContractStatus to, string? reason)
    {
        if (!_canEdit) return L["NotAllowed"];
        try
        {
            await using var db = await DbFactory.CreateDbContextAsync();
            await new ChangeContractStatus(db).RunAsync(Id, to, reason);
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
    }

    private async Task StatusChangedAsync(ContractStatus to)
    {
        await LoadAsync();
        _tab = HistoryTab;
        Snackbar.Add(string.Format(L["StatusChanged"], ContractStatusText.Label(to)), Severity.Success);
    }
}
