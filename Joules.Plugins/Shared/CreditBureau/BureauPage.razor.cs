using Joules.Core.Credit.Http;
using Joules.Core.Data;
using Joules.Core.Domain.Credit;
using Joules.Core.Tenancy;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Joules.Plugins.Credit.Shared;

/// <summary>A bureau's page: the brand's connection (endpoint, key, product, timeout), the bureau's facts, a connection
/// test with the documented test person and what an adapter must speak. Administrators choose the brand.</summary>
public partial class BureauPage
{
    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = null!;
    [Inject] private ICurrentUser User { get; set; } = null!;
    [Inject] private BureauPluginInfo Plugin { get; set; } = null!;

    /// <summary>The bureau's id (one of <see cref="Bureaus.All"/>).</summary>
    [Parameter, EditorRequired] public string BureauId { get; set; } = "";

    private BureauDescriptor Descriptor => Bureaus.Find(BureauId) ?? throw new InvalidOperationException($"Unknown bureau '{BureauId}'.");
    private List<(Guid Id, string Name)> _brands = [];
    private Guid _brandId;
    private CreditBureauConnectionForm? _form;

    private bool CanWrite => Plugin.AllowsChanges;

    protected override async Task OnInitializedAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var brands = await db.Brands.AsNoTracking().OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync();
        _brands = brands.Where(b => User.AllBrands || b.Id == User.BrandId).Select(b => (b.Id, b.Name)).ToList();
        if (_brands.Count == 0) return;
        _brandId = _brands.Any(b => b.Id == User.BrandId) ? User.BrandId!.Value : _brands[0].Id;
        await LoadAsync();
    }

    private async Task BrandChangedAsync(Guid brandId)
    {
        _brandId = brandId;
        await LoadAsync();
    }

    private async Task LoadAsync() => _form = await Connections.LoadFormAsync(_brandId, BureauId);

    private Severity StateSeverity => _form switch
    {
        { Stored: true } => Severity.Success,
        { Simulated: true } => Severity.Info,
        _ => Severity.Warning,
    };

    private string StateText => _form switch
    {
        { Stored: true } f => L["StateStored", f.EndpointUrl],
        { Simulated: true } => L["StateSimulator", Connections.SimulatorUrl(BureauId)?.ToString() ?? ""],
        _ => L["StateNone"],
    };
}
