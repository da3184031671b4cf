using Joules.Core.Domain.Common;
using Joules.Host.Features.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Joules.Host.Features.MailSettings;

public partial class MailSettingsPage
{
    [Inject] private MailSettingsAdministration Admin { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;

    private IReadOnlyList<BrandOption>? _brands;
    private Guid _brandId;
    private MailSettingsForm _form = new();
    private readonly FormErrors _errors = new();
    private string? _testResult;
    private bool _testOk, _busy;

    protected override async Task OnInitializedAsync()
    {
        _brands = await Admin.BrandsAsync();
        if (_brands.Count > 0) await BrandChanged(_brands[0].Id);
    }

    private async Task BrandChanged(Guid brandId)
    {
        _brandId = brandId;
        _errors.Clear();
        _testResult = null;
        _form = await Admin.LoadAsync(brandId);
    }

    private async Task SaveAsync()
    {
        _errors.Clear();
        _busy = true;
        try
        {
            await Admin.SaveAsync(_brandId, _form);
            Snackbar.Add(L["Saved"], Severity.Success);
        }
        catch (DomainException ex) { _errors.Add(ex); Snackbar.Add(ex.Message, Severity.Error); }
        finally { _busy = false; }
    }

    private async Task TestAsync()
    {
        _errors.Clear();
        _testResult = null;
        _busy = true;
        try
        {
            var error = await Admin.TestAsync(_brandId, _form);
            _testOk = error is null;
            _testResult = error is null ? L["TestOk"] : L["TestFailed", error];
        }
        catch (DomainException ex) { _errors.Add(ex); }
        finally { _busy = false; }
    }

    private async Task RemoveAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync(L["RemoveTitle"], L["RemoveText"], yesText: L["Remove"], cancelText: L["Cancel"]) != true) return;
        await Admin.RemoveAsync(_brandId);
        Snackbar.Add(L["Removed"], Severity.Success);
        await BrandChanged(_brandId);
    }
}
