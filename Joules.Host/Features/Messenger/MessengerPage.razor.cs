using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Messenger;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Joules.Host.Features.Common;

namespace Joules.Host.Features.Messenger;

/// <summary>The messenger channels of a brand: list, add/edit dialog, enable switch, delete with confirmation and
/// "Testnachricht senden".</summary>
public partial class MessengerPage
{
    [Inject] private MessengerChannelService Channels { get; set; } = default!;
    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = default!;
    [Inject] private IStringLocalizer<MessengerPage> L { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;


    private IReadOnlyList<BrandOption> _brands = [];
    private Guid _brandId;
    private IReadOnlyList<MessengerChannelRow> _channels = [];
    private bool _loading = true, _busy;

    protected override async Task OnInitializedAsync()
    {
        await using (var db = DbFactory.CreateDbContext())
        {
            _brands = await BrandOptions.LoadAsync(db);
            var own = db.User.BrandId;
            _brandId = own is { } id && _brands.Any(b => b.Id == id) ? id : _brands.FirstOrDefault()?.Id ?? Guid.Empty;
        }
        if (_brands.Count > 0) await ReloadAsync();
        _loading = false;
    }

    internal static string KindLabel(IStringLocalizer localizer, MessengerKind kind) => localizer["Kind." + kind];
    private string KindText(MessengerKind kind) => KindLabel(L, kind);

    private async Task BrandChanged(Guid brandId)
    {
        _brandId = brandId;
        await ReloadAsync();
    }

    private async Task ReloadAsync() => _channels = await Channels.ListAsync(_brandId);

    private Task AddAsync() => OpenDialogAsync(null);
    private Task EditAsync(MessengerChannelRow row) => OpenDialogAsync(row);

    private async Task OpenDialogAsync(MessengerChannelRow? row)
    {
        var parameters = new DialogParameters<MessengerChannelDialog>
        {
            { d => d.BrandId, _brandId },
            { d => d.Channel, row },
        };
        var dialog = await Dialogs.ShowAsync<MessengerChannelDialog>(row is null ? L["AddTitle"] : L["EditTitle"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add(L["Saved"], Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task SetEnabledAsync(MessengerChannelRow row, bool enabled)
    {
        try
        {
            await Channels.SetEnabledAsync(row.Id, enabled);
            Snackbar.Add(enabled ? L["EnabledOn", row.Name] : L["EnabledOff", row.Name], Severity.Success);
        }
        catch (DomainException ex) { Snackbar.Add(ex.Message, Severity.Error); }
        await ReloadAsync();
    }

    private async Task TestAsync(MessengerChannelRow row)
    {
        _busy = true;
        try
        {
            var result = await Channels.SendTestAsync(row.Id);
            Snackbar.Add(result.Message, result.Ok ? Severity.Success : Severity.Error, o => o.RequireInteraction = !result.Ok);
        }
        catch (DomainException ex) { Snackbar.Add(ex.Message, Severity.Error); }
        finally { _busy = false; }
    }

    private async Task DeleteAsync(MessengerChannelRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["DeleteTitle"], L["DeleteText", row.Name], yesText: L["Delete"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        if (await Channels.DeleteAsync(row.Id)) Snackbar.Add(L["Deleted", row.Name], Severity.Success);
        await ReloadAsync();
    }
}
