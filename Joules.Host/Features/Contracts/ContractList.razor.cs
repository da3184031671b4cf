using Joules.Core.Data;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Joules.Host.Features.Contracts;

public partial class ContractList
{
    private MudTable<ContractListItem>? _table;
    private ContractListFilter _filter = new();
    private List<(Guid Id, string Name)> _partners = [];
    private List<(Guid Id, string Name)>? _brands;
    private int _total;

    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string[]? Status { get; set; }
    [SupplyParameterFromQuery(Name = "partner")] public string? Partner { get; set; }
    [SupplyParameterFromQuery(Name = "brand")] public string? Brand { get; set; }
    [SupplyParameterFromQuery(Name = "commodity")] public string? CommodityParameter { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    protected override async Task OnInitializedAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        // The partner filter of the context limits partner users to their own subtree.
        _partners = (await db.SalesPartners.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync())
            .Select(p => (p.Id, p.Name)).ToList();
        if (CurrentUser.AllBrands)
            _brands = (await db.Brands.AsNoTracking().OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync())
                .Select(b => (b.Id, b.Name)).ToList();
    }

    protected override async Task OnParametersSetAsync()
    {
        var fromUrl = ContractListFilter.FromQuery(Q, Status, Partner, Brand, CommodityParameter, From, To);
        if (!CurrentUser.AllBrands) fromUrl = fromUrl with { BrandId = null };
        if (fromUrl.SameAs(_filter)) return;
        _filter = fromUrl;
        if (_table is not null) await _table.ReloadServerData();
    }

    private async Task<TableData<ContractListItem>> LoadAsync(TableState state, CancellationToken ct)
    {
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var result = await new SearchContracts(db).RunAsync(_filter.ToSearch(state.Page, state.PageSize), ct);
        _total = result.Total;
        return new TableData<ContractListItem> { Items = result.Items, TotalItems = result.Total };
    }

    /// <summary>Filters live in the URL: changing one navigates, and <see cref="OnParametersSetAsync"/> reloads.</summary>
    private void Apply(ContractListFilter filter) => Navigation.NavigateTo(filter.ToUrl(), replace: true);

    private void TextChanged(string? text) => Apply(_filter with { Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim() });

    private void StatusesChanged(IEnumerable<ContractStatus>? statuses) => Apply(_filter with { Statuses = statuses?.Distinct().ToList() });

    private void CommodityChanged(Commodity? commodity) => Apply(_filter with { Commodity = commodity });

    private void PartnerChanged(Guid? partner) => Apply(_filter with { SalesPartnerId = partner });

    private void BrandChanged(Guid? brand) => Apply(_filter with { BrandId = brand });

    private void FromChanged(DateTime? date) => Apply(_filter with { OrderedFrom = date is { } d ? DateOnly.FromDateTime(d) : null });

    private void ToChanged(DateTime? date) => Apply(_filter with { OrderedTo = date is { } d ? DateOnly.FromDateTime(d) : null });

    private Task ResetAsync()
    {
        Apply(new ContractListFilter());
        return Task.CompletedTask;
    }

    private static DateTime? ToDate(DateOnly? d) => d?.ToDateTime(TimeOnly.MinValue);

    private string StatusText(IReadOnlyList<string> values) =>
        string.Join(", ", _filter.StatusList.Select(ContractStatusText.Label));

    private void Open(TableRowClickEventArgs<ContractListItem> row)
    {
        if (row.Item is { } item) Navigation.NavigateTo($"contracts/{item.Id}");
    }
}

/// <summary>Chip colours of statuses: open tasks warn, rejections and exits are errors, supply is success.</summary>
internal static class ContractStatusColors
{
    public static Color Of(ContractStatus status) => status switch
    {
        _ when GetContractDashboard.TaskStatuses.Contains(status) => Color.Warning,
        ContractStatus.CreditCheckRejected or ContractStatus.Withdrawn or ContractStatus.Cancelled => Color.Error,
        ContractStatus.InSupply => Color.Success,
        ContractStatus.Terminated or ContractStatus.Ended => Color.Dark,
        _ => Color.Info,
    };
}
