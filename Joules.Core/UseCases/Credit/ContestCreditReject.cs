using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Credit;

/// <summary>Contests a rejected credit check (CJEU C-634/21: an automatic reject needs a human path): the contract goes
/// to manual review and the case, with what the customer said, into the review queue.</summary>
public sealed class ContestCreditReject(JoulesDbContext db, TimeProvider time)
{
    /// <exception cref="DomainException">The contract is unknown or not rejected, it has no check, or the reason is missing.</exception>
    public async Task<CreditReview> RunAsync(Guid contractId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException(CoreText.Get("Credit.ContestReasonRequired"), "Reason");
        var contract = await db.Contracts.Include(c => c.History).SingleOrDefaultAsync(c => c.Id == contractId, ct)
            ?? throw new DomainException(CoreText.Get("Contract.NotFound"));
        if (contract.Status != ContractStatus.CreditCheckRejected)
            throw new DomainException(CoreText.Format("Credit.NotRejected", ContractStatusText.Label(contract.Status)), nameof(Contract.Status));
        var check = await db.CreditChecks.Where(c => c.ContractId == contractId).OrderByDescending(c => c.RequestedAt).FirstOrDefaultAsync(ct)
            ?? throw new DomainException(CoreText.Get("Credit.NoCheck"));
        var now = time.GetUtcNow();
        contract.ChangeStatus(ContractStatus.CreditCheckManualReview, db.User.UserName, CoreText.Format("Credit.History.Contested", reason.Trim()), "credit-contest", now);
        var review = CreditReview.Open(check, CreditReviewOrigin.Contested, db.User.UserName, reason, now);
        db.CreditReviews.Add(review);
        await db.SaveChangesAsync(ct);
        return review;
    }
}
