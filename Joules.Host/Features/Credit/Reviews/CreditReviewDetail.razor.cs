using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.UseCases.Credit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Joules.Host.Features.Credit.Reviews;

/// <summary>One case of the review queue: the bureau's answer, why the engine did not decide, and the reviewer's actions
/// (take, assign, release, decide with a mandatory reason).</summary>
public partial class CreditReviewDetail
{
    /// <summary>The shortest reason the queue accepts (the Core rule: a reason has to say something).</summary>
    private const int MinReasonLength = 10;

    private Guid? _assignee;
    private CreditReviewOutcome? _outcome;
    private string? _reason;
    private string? _reasonError;
    private string? _error;
    private bool _busy;

    [Inject] private CreditActions Credit { get; set; } = default!;

    [Parameter, EditorRequired] public CreditReviewRow Row { get; set; } = default!;
    [Parameter] public IReadOnlyList<CreditReviewer> Reviewers { get; set; } = [];
    [Parameter] public EventCallback OnClose { get; set; }

    /// <summary>Raised after an assignment change with the message to show.</summary>
    [Parameter] public EventCallback<string> OnAssigned { get; set; }

    /// <summary>Raised after the case was decided.</summary>
    [Parameter] public EventCallback<CreditReviewOutcome> OnDecided { get; set; }

    private async Task AssignAsync(Guid? userId)
    {
        _busy = true;
        _error = null;
        try
        {
            await Credit.AssignAsync(Row.ReviewId, userId);
            var name = userId is null ? null : userId == Credit.UserId ? L["You"].Value : Reviewers.FirstOrDefault(r => r.Id == userId)?.Name;
            _assignee = null;
            await OnAssigned.InvokeAsync(name is null ? string.Format(L["Released"], Row.ContractNumber) : string.Format(L["Assigned"], Row.ContractNumber, name));
        }
        catch (DomainException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DecideAsync()
    {
        _error = null;
        _reasonError = null;
        if (_outcome is not { } outcome) return;
        if (string.IsNullOrWhiteSpace(_reason) || _reason.Trim().Length < MinReasonLength)
        {
            _reasonError = string.Format(L["ReasonTooShort"], MinReasonLength);
            return;
        }
        _busy = true;
        try
        {
            await Credit.DecideAsync(Row.ReviewId, outcome, _reason.Trim());
        }
        catch (DomainException ex)
        {
            if (ex.Field == nameof(CreditReview.DecisionReason)) _reasonError = ex.Message;
            else _error = ex.Message;
            return;
        }
        finally
        {
            _busy = false;
        }
        await OnDecided.InvokeAsync(outcome);
    }

    private static Color OutcomeColor(CreditReviewOutcome outcome) => outcome switch
    {
        CreditReviewOutcome.Rejected => Color.Error,
        CreditReviewOutcome.AcceptedWithPrepayment => Color.Warning,
        _ => Color.Success,
    };
}
