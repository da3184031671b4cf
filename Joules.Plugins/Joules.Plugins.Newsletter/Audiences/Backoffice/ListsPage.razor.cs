using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Joules.Plugins.Newsletter.Audiences.Backoffice;

/// <summary>Mailing lists of a brand with their counts; create/edit, archive or delete, and take over customers with an
/// e-mail marketing consent or sales partners.</summary>
public partial class ListsPage
{
    [Inject] private ListService Lists { get; set; } = default!;
    [Inject] private CustomerListSync Sync { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Guid _brandId;
    private bool _archived, _loading = true, _busy;
    private List<ListRow> _rows = [];

    private async Task BrandChangedAsync(Guid id)
    {
        _brandId = id;
        await LoadAsync();
    }

    private async Task ArchivedChangedAsync(bool value)
    {
        _archived = value;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _rows = await Lists.ListAsync(_brandId == Guid.Empty ? null : _brandId, _archived);
        _loading = false;
    }

    private async Task EditAsync(MailingList? list)
    {
        var parameters = new DialogParameters<ListDialog> { { d => d.List, list }, { d => d.BrandId, _brandId } };
        var dialog = await Dialogs.ShowAsync<ListDialog>(list is null ? L["New"] : L["Edit"], parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false }) await LoadAsync();
    }

    private async Task TakeOverCustomersAsync(MailingList list)
    {
        var ok = await Dialogs.ShowMessageBoxAsync(L["TakeOverCustomers"], string.Format(L["TakeOverCustomersText"], list.Name), yesText: L["TakeOver"], cancelText: L["Cancel"]);
        if (ok != true) return;
        await RunAsync(async () => Report(await Sync.TakeOverCustomersAsync(list.Id)));
    }

    private async Task TakeOverPartnersAsync(MailingList list)
    {
        var ok = await Dialogs.ShowMessageBoxAsync(L["TakeOverPartners"], string.Format(L["TakeOverPartnersText"], list.Name), yesText: L["TakeOver"], cancelText: L["Cancel"]);
        if (ok != true) return;
        await RunAsync(async () => Report(await Sync.TakeOverPartnersAsync(list.Id)));
    }

    private void Report(SyncResult result) => Snackbar.Add(string.Format(L["TakenOver"], result.Added, result.Removed), Severity.Success);

    private async Task DeleteAsync(ListRow row)
    {
        var used = row.Confirmed + row.Unconfirmed + row.Unsubscribed > 0;
        var ok = await Dialogs.ShowMessageBoxAsync(L["DeleteTitle"], string.Format(used ? L["ArchiveText"] : L["DeleteText"], row.List.Name),
            yesText: used ? L["Archive"] : L["Delete"], cancelText: L["Cancel"]);
        if (ok != true) return;
        await RunAsync(async () =>
        {
            var deleted = await Lists.DeleteOrArchiveAsync(row.List.Id);
            Snackbar.Add(deleted ? L["Deleted"] : L["Archived"], Severity.Success);
        });
    }

    private async Task RunAsync(Func<Task> work)
    {
        _busy = true;
        try
        {
            await work();
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync();
    }
}
