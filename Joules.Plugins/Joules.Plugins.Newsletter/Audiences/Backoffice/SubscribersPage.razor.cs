using Joules.Plugins.Newsletter.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Joules.Plugins.Newsletter.Audiences.Backoffice;

/// <summary>Subscribers of a brand: server-side paged search by e-mail and name, filters by list, status and source;
/// detail with every subscription and its proof; manual addition and CSV import.</summary>
public partial class SubscribersPage
{
    [Inject] private SubscriberService Subscribers { get; set; } = default!;
    [Inject] private ListService Lists { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    /// <summary>Pre-selected list (link from the lists page).</summary>
    [SupplyParameterFromQuery(Name = "liste")] public long? ListParameter { get; set; }

    private MudTable<SubscriberRow>? _table;
    private Guid _brandId;
    private string? _search;
    private long? _listId;
    private SubscriptionStatus? _status;
    private SubscriberSource? _source;
    private int _total;
    private List<ListRow> _lists = [];

    protected override void OnInitialized() => _listId = ListParameter;

    private async Task BrandChangedAsync(Guid id)
    {
        _brandId = id;
        _lists = await Lists.ListAsync(id, includeArchived: true);
        if (_listId is { } chosen && _lists.All(l => l.List.Id != chosen)) _listId = null;
        await ReloadAsync();
    }

    private async Task SearchChangedAsync(string? value) { _search = value; await ReloadAsync(); }
    private async Task ListChangedAsync(long? value) { _listId = value; await ReloadAsync(); }
    private async Task StatusChangedAsync(SubscriptionStatus? value) { _status = value; await ReloadAsync(); }
    private async Task SourceChangedAsync(SubscriberSource? value) { _source = value; await ReloadAsync(); }

    private async Task ReloadAsync()
    {
        if (_table is not null) await _table.ReloadServerData();
    }

    private async Task<TableData<SubscriberRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        if (_brandId == Guid.Empty) return new TableData<SubscriberRow> { Items = [], TotalItems = 0 };
        var (rows, total) = await Subscribers.SearchAsync(new SubscriberFilter(_brandId, _search, _listId, _status, _source), state.Page, state.PageSize, ct);
        _total = total;
        return new TableData<SubscriberRow> { Items = rows, TotalItems = total };
    }

    private async Task OpenAsync(TableRowClickEventArgs<SubscriberRow> args)
    {
        if (args.Item is null) return;
        var parameters = new DialogParameters<SubscriberDialog> { { d => d.SubscriberId, args.Item.Subscriber.Id } };
        var dialog = await Dialogs.ShowAsync<SubscriberDialog>(args.Item.Subscriber.Email, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true });
        await dialog.Result;
        await ReloadAsync();
    }

    private async Task AddAsync()
    {
        var parameters = new DialogParameters<AddSubscriberDialog> { { d => d.BrandId, _brandId } };
        var dialog = await Dialogs.ShowAsync<AddSubscriberDialog>(L["Add"], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false }) await ReloadAsync();
    }

    private async Task ImportAsync()
    {
        var parameters = new DialogParameters<ImportDialog> { { d => d.BrandId, _brandId } };
        var dialog = await Dialogs.ShowAsync<ImportDialog>(L["Import"], parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false }) await ReloadAsync();
    }
}
