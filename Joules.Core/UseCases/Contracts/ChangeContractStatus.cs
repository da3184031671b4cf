using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Contracts;

/// <summary>Moves a contract to another status following <see cref="ContractWorkflow"/>. Refused transitions,
/// a missing reason or an expired withdrawal period come back as a <see cref="DomainException"/> with a clear message.</summary>
public sealed class ChangeContractStatus(JoulesDbContext db)
{
    public async Task<Contract> RunAsync(Guid contractId, ContractStatus to, string? reason, string source = "ui", CancellationToken ct = default)
    {
        var contract = await db.Contracts.Include(c => c.History).SingleOrDefaultAsync(c => c.Id == contractId, ct)
            ?? throw new DomainException(CoreText.Get("Contract.NotFound"));
        // A case in the credit review queue is decided there, with its mandatory reason and audit trail.
        if (contract.Status == ContractStatus.CreditCheckManualReview && to is ContractStatus.CreditCheckPassed or ContractStatus.CreditCheckRejected
            && await db.CreditReviews.AnyAsync(r => r.ContractId == contractId && r.DecidedAt == null, ct))
            throw new DomainException(CoreText.Get("Credit.DecideInQueue"), nameof(Contract.Status));
        contract.ChangeStatus(to, db.User.UserName, string.IsNullOrWhiteSpace(reason) ? null : reason, source);
        await db.SaveChangesAsync(ct);
        return contract;
    }
}
