using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.UseCases.Credit;
using Joules.Host.Features.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Joules.Host.Features.Credit.Settings;

/// <summary>The ordered bureau routes of one country and customer type: the first is asked first, the next ones when it
/// is unavailable. Every change (move, add, remove) is saved at once as the whole list.</summary>
public partial class BureauRouteList
{
    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Parameter, EditorRequired] public Guid BrandId { get; set; }
    [Parameter, EditorRequired] public string Country { get; set; } = "DE";
    [Parameter, EditorRequired] public CustomerType CustomerType { get; set; }

    /// <summary>Ids of the bureaus whose plugin is running now.</summary>
    [Parameter] public IReadOnlySet<string> Running { get; set; } = new HashSet<string>();

    private List<BureauRouteItem>? _routes;
    private Guid _loadedBrand;
    private string? _newBureau, _newProduct;
    private readonly FormErrors _errors = new();
    private bool _busy;

    private string CountryName => L["Country." + Country];

    private bool Fits(BureauProduct p) => CustomerType == CustomerType.Household ? p.Persons : p.Companies;

    /// <summary>Bureaus serving the country with at least one product for the customer type.</summary>
    private IReadOnlyList<BureauDescriptor> Candidates =>
        Bureaus.All.Where(b => b.Countries.Contains(Country) && b.Products.Any(Fits)).OrderBy(b => b.Name).ToList();

    private IReadOnlyList<BureauProduct> Products =>
        Bureaus.Find(_newBureau ?? "") is { } b ? b.Products.Where(Fits).ToList() : [];

    protected override async Task OnParametersSetAsync()
    {
        if (_routes is not null && _loadedBrand == BrandId) return;
        _loadedBrand = BrandId;
        await LoadAsync();
        BureauChanged((NextCandidate() ?? Candidates.FirstOrDefault())?.Id);
    }

    private async Task LoadAsync()
    {
        _errors.Clear();
        await using var db = DbFactory.CreateDbContext();
        _routes = (await new SaveBureauRoutes(db).LoadAsync(BrandId, Country, CustomerType)).ToList();
    }

    /// <summary>The bureau to offer next: one not yet in the list, running plugins first.</summary>
    private BureauDescriptor? NextCandidate() => Candidates.Where(b => _routes?.Any(r => r.Bureau == b.Id) != true)
        .OrderByDescending(b => Running.Contains(b.Id)).FirstOrDefault();

    private void BureauChanged(string? bureau)
    {
        _newBureau = bureau;
        _newProduct = Products.FirstOrDefault()?.Id;
    }

    private async Task MoveAsync(int index, int by)
    {
        var target = index + by;
        if (_routes is null || target < 0 || target >= _routes.Count) return;
        var list = _routes.ToList();
        (list[index], list[target]) = (list[target], list[index]);
        await SaveAsync(list, L["Moved"]);
    }

    private async Task AddAsync()
    {
        if (_routes is null || _newBureau is null || _newProduct is null) return;
        if (await SaveAsync([.. _routes, new BureauRouteItem(_newBureau, _newProduct)], L["Added"]))
            BureauChanged(NextCandidate()?.Id ?? _newBureau);
    }

    private async Task RemoveAsync(int index)
    {
        if (_routes is null) return;
        var route = _routes[index];
        var name = $"{Bureaus.Find(route.Bureau)?.Name ?? route.Bureau} ({Bureaus.Find(route.Bureau)?.Product(route.Product)?.Name ?? route.Product})";
        if (await Dialogs.ShowMessageBoxAsync(L["RemoveTitle"], L["RemoveText", name, CountryName], yesText: L["Remove"], cancelText: L["Cancel"]) != true) return;
        var list = _routes.ToList();
        list.RemoveAt(index);
        await SaveAsync(list, L["Removed"]);
    }

    private async Task<bool> SaveAsync(List<BureauRouteItem> list, string done)
    {
        _errors.Clear();
        _busy = true;
        try
        {
            await using var db = DbFactory.CreateDbContext();
            await new SaveBureauRoutes(db).SaveAsync(BrandId, Country, CustomerType, list);
            _routes = list;
            Snackbar.Add(done, Severity.Success);
            return true;
        }
        catch (DomainException ex)
        {
            _errors.Add(ex);
            Snackbar.Add(ex.Message, Severity.Error);
            return false;
        }
        finally { _busy = false; }
    }
}
