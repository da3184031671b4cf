using Joules.Core.Domain.Common;
using static Joules.Core.Domain.Contracts.ContractStatus;

namespace Joules.Core.Domain.Contracts;

/// <summary>The allowed status transitions of a contract. Anything not listed here is refused.</summary>
public static class ContractWorkflow
{
    private static readonly ContractStatus[] PreSupplyExits = [Withdrawn, Cancelled];

    private static readonly Dictionary<ContractStatus, ContractStatus[]> Allowed = new()
    {
        [Captured] = [NeedsClarification, CreditCheckPending, QualityReviewPending, Confirmed, .. PreSupplyExits],
        [NeedsClarification] = [Captured, CreditCheckPending, QualityReviewPending, .. PreSupplyExits],
        [CreditCheckPending] = [CreditCheckPassed, CreditCheckManualReview, CreditCheckRejected, .. PreSupplyExits],
        [CreditCheckManualReview] = [CreditCheckPassed, CreditCheckRejected, .. PreSupplyExits],
        // An automatic reject can always be contested: it goes back to a human (CJEU C-634/21).
        [CreditCheckRejected] = [CreditCheckManualReview, .. PreSupplyExits],
        [CreditCheckPassed] = [QualityReviewPending, Confirmed, .. PreSupplyExits],
        [QualityReviewPending] = [QualityReviewPassed, QualityReviewFailed, .. PreSupplyExits],
        [QualityReviewFailed] = [NeedsClarification, QualityReviewPending, .. PreSupplyExits],
        [QualityReviewPassed] = [Confirmed, .. PreSupplyExits],
        [Confirmed] = [PowerOfAttorneyReceived, PreviousSupplierTerminationSent, GridRegistrationSent, .. PreSupplyExits],
        [PowerOfAttorneyReceived] = [PreviousSupplierTerminationSent, GridRegistrationSent, .. PreSupplyExits],
        [PreviousSupplierTerminationSent] = [PreviousSupplierTerminationConfirmed, PreviousSupplierTerminationRejected, .. PreSupplyExits],
        [PreviousSupplierTerminationConfirmed] = [GridRegistrationSent, .. PreSupplyExits],
        // Rejected with the next possible date: terminate again for that date.
        [PreviousSupplierTerminationRejected] = [PreviousSupplierTerminationSent, .. PreSupplyExits],
        [GridRegistrationSent] = [GridRegistrationConfirmed, GridRegistrationRejected, .. PreSupplyExits],
        [GridRegistrationConfirmed] = [InSupply, .. PreSupplyExits],
        [GridRegistrationRejected] = [GridRegistrationSent, NeedsClarification, .. PreSupplyExits],
        [InSupply] = [Terminated, Ended],
        [Terminated] = [Ended],
        [Withdrawn] = [],
        [Cancelled] = [],
        [Ended] = [],
    };

    /// <summary>Statuses that need a reason in the history.</summary>
    private static readonly HashSet<ContractStatus> ReasonRequired =
        [Withdrawn, Cancelled, CreditCheckRejected, QualityReviewFailed, NeedsClarification, PreviousSupplierTerminationRejected, GridRegistrationRejected, Terminated];

    /// <summary>Every status a contract in <paramref name="from"/> may move to.</summary>
    public static IReadOnlyList<ContractStatus> AllowedFrom(ContractStatus from) => Allowed[from];

    public static bool IsAllowed(ContractStatus from, ContractStatus to) => Allowed[from].Contains(to);

    public static bool RequiresReason(ContractStatus to) => ReasonRequired.Contains(to);

    public static bool IsFinal(ContractStatus status) => Allowed[status].Length == 0;

    /// <summary>Throws a <see cref="DomainException"/> with a clear message if the transition is not allowed.</summary>
    public static void EnsureAllowed(ContractStatus from, ContractStatus to, string? reason)
    {
        if (!IsAllowed(from, to))
        {
            var allowed = Allowed[from].Length == 0
                ? CoreText.Get("Contract.StatusFinal")
                : string.Join(", ", Allowed[from].Select(ContractStatusText.Label));
            throw new DomainException(CoreText.Format("Contract.TransitionRefused", ContractStatusText.Label(from), ContractStatusText.Label(to), allowed), nameof(Contract.Status));
        }
        if (RequiresReason(to) && string.IsNullOrWhiteSpace(reason))
            throw new DomainException(CoreText.Format("Contract.ReasonRequired", ContractStatusText.Label(to)), "Reason");
    }

    /// <summary>The BO4E category of a status.</summary>
    public static ContractStatusCategory Category(ContractStatus s) => s switch
    {
        CreditCheckRejected => ContractStatusCategory.Rejected,
        Confirmed or PowerOfAttorneyReceived => ContractStatusCategory.Accepted,
        >= PreviousSupplierTerminationSent and <= GridRegistrationRejected => ContractStatusCategory.Transmitted,
        InSupply => ContractStatusCategory.Active,
        Withdrawn => ContractStatusCategory.Withdrawn,
        Cancelled => ContractStatusCategory.Cancelled,
        Terminated => ContractStatusCategory.Terminated,
        Ended => ContractStatusCategory.Ended,
        _ => ContractStatusCategory.InProgress,
    };

    /// <summary>True before supply has started (statuses where withdrawal and cancellation apply).</summary>
    public static bool IsPreSupply(ContractStatus s) => s < InSupply;
}

/// <summary>Localised labels of statuses.</summary>
public static class ContractStatusText
{
    public static string Label(ContractStatus status) => CoreText.Get("Status." + status);
}
