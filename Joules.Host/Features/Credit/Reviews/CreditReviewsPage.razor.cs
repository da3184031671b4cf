using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.UseCases.Credit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Joules.Host.Features.Credit.Reviews;

/// <summary>The manual review queue (CRD-3): borderline scores, bureau outages and contested rejects, decided by a person
/// with a reason (domain.md §5.3).</summary>
public partial class CreditReviewsPage
{
    private MudTable<CreditReviewRow>? _table;
    private CreditReviewFilter _filter = CreditReviewFilter.Open;
    private string? _search;
    private int _total;
    private CreditReviewRow? _selected;
    private Guid? _openCase;
    private IReadOnlyList<CreditReviewer> _reviewers = [];

    [Inject] private CreditActions Credit { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Search text to start with (the contract page links here with the contract number).</summary>
    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }

    /// <summary>The case to open at once.</summary>
    [SupplyParameterFromQuery(Name = "case")] public Guid? Case { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _search = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        _openCase = Case;
        if (Case is not null) _filter = CreditReviewFilter.All;
        _reviewers = await Credit.ReviewersAsync();
    }

    private async Task<TableData<CreditReviewRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        var page = await Credit.SearchAsync(new CreditReviewQuery(_filter, _search, state.Page, state.PageSize), ct);
        _total = page.Total;
        if (_openCase is { } id && page.Rows.FirstOrDefault(r => r.ReviewId == id) is { } row)
        {
            _selected = row;
            _openCase = null;
        }
        else if (_selected is not null)
        {
            // Keep the open detail in step with what the list now says about the case.
            _selected = page.Rows.FirstOrDefault(r => r.ReviewId == _selected.ReviewId) ?? _selected;
        }
        return new TableData<CreditReviewRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private async Task FilterChangedAsync(CreditReviewFilter filter)
    {
        _filter = filter;
        if (_table is not null) await _table.ReloadServerData();
    }

    private async Task SearchChangedAsync(string? text)
    {
        _search = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (_table is not null) await _table.ReloadServerData();
    }

    private void Select(TableRowClickEventArgs<CreditReviewRow> row)
    {
        if (row.Item is { } item) _selected = item;
    }

    private void DrawerChanged(bool open)
    {
        if (!open) _selected = null;
    }

    private string RowClass(CreditReviewRow row, int index) =>
        "cursor-pointer" + (row.ReviewId == _selected?.ReviewId ? " mud-selected-item" : "");

    private static string BureauText(CreditReviewRow row)
    {
        if (row.Bureau is null) return "–";
        var bureau = Bureaus.Find(row.Bureau);
        return $"{bureau?.Name ?? row.Bureau} {bureau?.Product(row.Product ?? "")?.Name ?? row.Product}";
    }

    private async Task AssignedAsync(string message)
    {
        Snackbar.Add(message, Severity.Success);
        if (_table is not null) await _table.ReloadServerData();
    }

    private async Task DecidedAsync(CreditReviewOutcome outcome)
    {
        if (_selected is not { } row) return;
        var to = outcome == CreditReviewOutcome.Rejected ? ContractStatus.CreditCheckRejected : ContractStatus.CreditCheckPassed;
        Snackbar.Add(string.Format(L["Decided"], row.ContractNumber, ContractStatusText.Label(to)), Severity.Success);
        _selected = null;
        if (_table is not null) await _table.ReloadServerData();
    }
}
