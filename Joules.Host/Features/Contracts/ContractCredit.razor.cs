using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.UseCases.Credit;
using Joules.Host.Features.Credit.Reviews;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Joules.Host.Features.Contracts;

/// <summary>The credit panel of a contract: its checks with the bureau answers and decisions, the review case they opened,
/// and the actions of the current status ("Bonität prüfen" while pending, "Widerspruch erfassen" after a reject).</summary>
public partial class ContractCredit
{
    private IReadOnlyList<ContractCreditEntry>? _entries;
    private (Guid Id, ContractStatus Status)? _loadedFor;
    private bool _running;

    [Inject] private CreditActions Credit { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter, EditorRequired] public Guid ContractId { get; set; }
    [Parameter, EditorRequired] public string ContractNumber { get; set; } = "";
    [Parameter, EditorRequired] public ContractStatus Status { get; set; }

    /// <summary>Raised after a check or a contest changed the contract (the page reloads status and history).</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == (ContractId, Status)) return;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loadedFor = (ContractId, Status);
        _entries = await Credit.ChecksAsync(ContractId);
    }

    private async Task RunCheckAsync()
    {
        if (_running) return;
        _running = true;
        CreditCheck check;
        try
        {
            check = await Credit.RunCheckAsync(ContractId);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
            return;
        }
        finally
        {
            _running = false;
        }
        Snackbar.Add(string.Format(L["Checked"], DecisionText.Label(check.Decision), check.Reason),
            check.Decision switch { CreditDecision.AutoReject => Severity.Error, CreditDecision.ManualReview => Severity.Warning, _ => Severity.Success });
        await LoadAsync();
        await OnChanged.InvokeAsync();
    }

    private async Task ContestAsync()
    {
        var parameters = new DialogParameters<CreditContestDialog>
        {
            { x => x.ContractNumber, ContractNumber },
            { x => x.Execute, ExecuteContestAsync },
        };
        var dialog = await Dialogs.ShowAsync<CreditContestDialog>(L["ContestTitle"], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is not { Canceled: false }) return;
        Snackbar.Add(L["Contested"], Severity.Success);
        await LoadAsync();
        await OnChanged.InvokeAsync();
    }

    /// <summary>Records the contest; returns null on success or the message to show in the dialog.</summary>
    private async Task<string?> ExecuteContestAsync(string reason)
    {
        try
        {
            await Credit.ContestAsync(ContractId, reason);
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
    }

    private string ReviewLink(CreditReview review) => $"credit/reviews?q={Uri.EscapeDataString(ContractNumber)}&case={review.Id}";

    private static Color DecisionColor(CreditDecision decision) => decision switch
    {
        CreditDecision.AutoAccept => Color.Success,
        CreditDecision.AcceptWithPrepayment => Color.Info,
        CreditDecision.AutoReject => Color.Error,
        _ => Color.Warning,
    };
}
