using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Credit;

/// <summary>Why a case is in the manual review queue.</summary>
public enum CreditReviewOrigin
{
    /// <summary>The rules sent the check to a person (borderline score, no rule, no score).</summary>
    Rules = 0,
    /// <summary>No bureau could answer (timeout, server error, malformed answer, none configured).</summary>
    BureauUnavailable = 1,
    /// <summary>An automatic reject was contested (CJEU C-634/21: a human decides).</summary>
    Contested = 2,
}

/// <summary>A reviewer's decision.</summary>
public enum CreditReviewOutcome
{
    Accepted = 0,
    AcceptedWithPrepayment = 1,
    Rejected = 2,
    /// <summary>Closed without a decision: the contract moved on (withdrawn, cancelled) while the case was open.</summary>
    Obsolete = 3,
}

/// <summary>A case in the manual review queue: a check the engine did not decide, or a contested reject. It is assigned to
/// a reviewer and decided with a mandatory reason; the decision moves the contract on. Every change is audit-logged.</summary>
public sealed class CreditReview : ITenantOwned
{
    private CreditReview() { }

    public static CreditReview Open(CreditCheck check, CreditReviewOrigin origin, string openedBy, string? contestReason, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(), BrandId = check.BrandId, CheckId = check.Id, ContractId = check.ContractId, Origin = origin,
        OpenedBy = openedBy, OpenedAt = at, ContestReason = string.IsNullOrWhiteSpace(contestReason) ? null : contestReason.Trim(),
    };

    public Guid Id { get; private set; }
    public Guid BrandId { get; set; }
    public Guid CheckId { get; private set; }
    public Guid ContractId { get; private set; }
    public CreditReviewOrigin Origin { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public string OpenedBy { get; private set; } = "";

    /// <summary>What the customer or employee said when contesting an automatic reject.</summary>
    public string? ContestReason { get; private set; }
    public Guid? AssignedToUserId { get; private set; }
    public string? AssignedToName { get; private set; }
    public DateTimeOffset? AssignedAt { get; private set; }
    public CreditReviewOutcome? Outcome { get; private set; }
    public string? DecisionReason { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    public bool IsOpen => Outcome is null;

    /// <summary>Assigns the case to a reviewer (or takes it back with null).</summary>
    public void Assign(Guid? userId, string? userName, DateTimeOffset at)
    {
        if (!IsOpen) throw new DomainException(CoreText.Get("Credit.ReviewClosed"));
        AssignedToUserId = userId;
        AssignedToName = userId is null ? null : userName;
        AssignedAt = userId is null ? null : at;
    }

    /// <summary>Decides the case; the reason is mandatory (at least 10 characters, so it says something).</summary>
    public void Decide(CreditReviewOutcome outcome, string reason, string decidedBy, DateTimeOffset at)
    {
        if (!IsOpen) throw new DomainException(CoreText.Get("Credit.ReviewClosed"));
        if (outcome == CreditReviewOutcome.Obsolete) throw new DomainException(CoreText.Get("Credit.ReviewObsoleteNotADecision"), nameof(Outcome));
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10)
            throw new DomainException(CoreText.Get("Credit.ReviewReasonRequired"), nameof(DecisionReason));
        Outcome = outcome;
        DecisionReason = reason.Trim();
        DecidedBy = decidedBy;
        DecidedAt = at;
    }

    /// <summary>Closes an open case without a decision because its contract moved on; <paramref name="reason"/> says where.</summary>
    public void CloseObsolete(string reason, string closedBy, DateTimeOffset at)
    {
        if (!IsOpen) return;
        Outcome = CreditReviewOutcome.Obsolete;
        DecisionReason = reason;
        DecidedBy = closedBy;
        DecidedAt = at;
    }
}
