using Joules.Core.Credit;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.UseCases.Credit;
using Joules.Host.Features.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Joules.Host.Features.Credit.Settings;

/// <summary>A brand's credit check settings (automatic check, answer reuse, full-check thresholds, CRD-4) and its
/// bureau routes per country and customer type (CRD-1..3).</summary>
public partial class CreditSettingsPage
{
    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = null!;
    [Inject] private ICreditBureauDirectory Directory { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private IReadOnlyList<BrandOption>? _brands;
    private Guid _brandId;
    private SettingsInput _form = new();
    private readonly FormErrors _errors = new();
    private IReadOnlySet<string> _running = new HashSet<string>();
    private bool _busy;

    private sealed class SettingsInput
    {
        public bool AutoCheck { get; set; }
        public int ReuseDays { get; set; }
        public int? FullCheckFromKwh { get; set; }
        public decimal? FullCheckFromContractValue { get; set; }
        public bool Exists { get; set; }
    }

    protected override async Task OnInitializedAsync()
    {
        _running = Directory.Available.Select(b => b.Id).ToHashSet();
        await using var db = DbFactory.CreateDbContext();
        _brands = await BrandOptions.LoadAsync(db);
        if (_brands.Count > 0) await BrandChanged(_brands[0].Id);
    }

    private async Task BrandChanged(Guid brandId)
    {
        _brandId = brandId;
        _errors.Clear();
        await using var db = DbFactory.CreateDbContext();
        var s = await new SaveCreditCheckSettings(db).LoadAsync(brandId);
        _form = new SettingsInput
        {
            AutoCheck = s.AutoCheck, ReuseDays = s.ReuseDays, FullCheckFromKwh = s.FullCheckFromKwh,
            FullCheckFromContractValue = s.FullCheckFromContractValue, Exists = s.Exists,
        };
    }

    private string DepthExplanation => (_form.FullCheckFromKwh, _form.FullCheckFromContractValue) switch
    {
        (null, null) => L["Depth.AlwaysFull"],
        ({ } kwh, null) => L["Depth.Kwh", kwh.ToString("N0")],
        (null, { } value) => L["Depth.Value", value.ToString("N2")],
        ({ } kwh, { } value) => L["Depth.Both", kwh.ToString("N0"), value.ToString("N2")],
    };

    private async Task SaveAsync()
    {
        _errors.Clear();
        _busy = true;
        try
        {
            await using var db = DbFactory.CreateDbContext();
            await new SaveCreditCheckSettings(db).SaveAsync(_brandId,
                new CreditSettingsForm(_form.AutoCheck, _form.ReuseDays, _form.FullCheckFromKwh, _form.FullCheckFromContractValue));
            _form.Exists = true;
            Snackbar.Add(L["Saved"], Severity.Success);
        }
        catch (DomainException ex) { _errors.Add(ex); Snackbar.Add(ex.Message, Severity.Error); }
        finally { _busy = false; }
    }
}
