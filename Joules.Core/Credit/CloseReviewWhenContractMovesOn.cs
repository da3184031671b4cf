using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Credit;

/// <summary>Closes the open review cases of a contract that leaves the credit check by another way (withdrawn,
/// cancelled, …), so the queue shows only cases a reviewer can still decide. The case keeps who opened it and records
/// the contract's new status as the reason.</summary>
public sealed class CloseReviewWhenContractMovesOn(JoulesDbContext db, TimeProvider time) : IDomainEventHandler<ContractStatusChanged>
{
    private static readonly HashSet<ContractStatus> StillInCheck =
        [ContractStatus.CreditCheckPending, ContractStatus.CreditCheckManualReview, ContractStatus.CreditCheckPassed, ContractStatus.CreditCheckRejected];

    /// <inheritdoc />
    public async Task HandleAsync(ContractStatusChanged e, CancellationToken cancellationToken)
    {
        if (StillInCheck.Contains(e.To)) return;
        var open = await db.CreditReviews.IgnoreQueryFilters()
            .Where(r => r.ContractId == e.ContractId && r.Outcome == null).ToListAsync(cancellationToken);
        if (open.Count == 0) return;
        var reason = CoreText.Format("Credit.ReviewClosedByStatus", ContractStatusText.Label(e.To), e.Actor);
        foreach (var review in open) review.CloseObsolete(reason, "system:credit-review", time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }
}
