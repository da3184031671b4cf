namespace Joules.Core.Domain.Contracts;

/// <summary>Stable status codes of a supply contract (domain.md §2.3). Tenants may label them differently in the UI.</summary>
public enum ContractStatus
{
    Captured = 0,
    NeedsClarification = 1,
    CreditCheckPending = 10,
    CreditCheckPassed = 11,
    CreditCheckManualReview = 12,
    CreditCheckRejected = 13,
    QualityReviewPending = 20,
    QualityReviewPassed = 21,
    QualityReviewFailed = 22,
    Confirmed = 30,
    PowerOfAttorneyReceived = 31,
    PreviousSupplierTerminationSent = 40,
    PreviousSupplierTerminationConfirmed = 41,
    PreviousSupplierTerminationRejected = 42,
    GridRegistrationSent = 50,
    GridRegistrationConfirmed = 51,
    GridRegistrationRejected = 52,
    InSupply = 60,
    Withdrawn = 70,
    Cancelled = 71,
    Terminated = 80,
    Ended = 90,
}

/// <summary>BO4E "Vertragsstatus" categories the detailed statuses map onto.</summary>
public enum ContractStatusCategory { InProgress, Transmitted, Accepted, Active, Rejected, Withdrawn, Cancelled, Terminated, Ended }
