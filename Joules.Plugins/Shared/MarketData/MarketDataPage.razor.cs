using Joules.Core.Domain.MarketData;
using Joules.Core.MarketData;
using Joules.Core.Data;

using Joules.Core.Tenancy;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Joules.Plugins.MarketData.Shared;

/// <summary>A market data provider's page: the brand's connection (endpoint, key, timeout, priority, on/off), a
/// connection test with the Berlin test location, what an adapter must speak, and a lookup of grid areas, grid fees,
/// levies and default supply with their source. Administrators choose the brand.</summary>
public partial class MarketDataPage
{
    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = null!;
    [Inject] private ICurrentUser User { get; set; } = null!;
    [Inject] private MarketDataPluginInfo Plugin { get; set; } = null!;

    /// <summary>The provider's id (one of <see cref="MarketDataProviders.All"/>).</summary>
    [Parameter, EditorRequired] public string ProviderId { get; set; } = "";

    private MarketDataProvider Descriptor => MarketDataProviders.Find(ProviderId) ?? throw new InvalidOperationException($"Unknown market data provider '{ProviderId}'.");
    private List<(Guid Id, string Name)> _brands = [];
    private Guid _brandId;
    private MarketDataConnectionForm? _form;

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

    private async Task LoadAsync() => _form = await Connections.LoadFormAsync(_brandId, ProviderId);

    private Severity StateSeverity => _form switch
    {
        { Stored: true } => Severity.Success,
        { Simulated: true } => Severity.Info,
        _ => Severity.Warning,
    };

    private string StateText => _form switch
    {
        { Stored: true } f => L["StateStored", f.EndpointUrl],
        { Simulated: true } => L["StateSimulator", Connections.SimulatorUrl(ProviderId)?.ToString() ?? ""],
        _ => L["StateNone"],
    };
}
