using Joules.Core.Data;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Identity;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Credit;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Features.Credit.Reviews;

/// <summary>A credit check of a contract as its credit panel shows it, with the review case it opened (if any).</summary>
public sealed record ContractCreditEntry(CreditCheck Check, CreditReview? Review);

/// <summary>A back-office user a case can be assigned to.</summary>
public sealed record CreditReviewer(Guid Id, string Name);

/// <summary>Runs the credit use cases for the pages of the signed-in user: each operation in its own scope (own
/// database context, acting as the circuit's user), so a long bureau request never blocks the page's other work.</summary>
public sealed class CreditActions(IServiceScopeFactory scopes, CurrentUserAccessor currentUser)
{
    /// <summary>The signed-in user's id ("Mir zugewiesen").</summary>
    public Guid? UserId => currentUser.UserId;

    public Task<CreditReviewPage> SearchAsync(CreditReviewQuery query, CancellationToken ct = default) =>
        InScopeAsync(s => s.GetRequiredService<CreditReviewQueue>().SearchAsync(query, ct));

    public Task AssignAsync(Guid reviewId, Guid? userId) =>
        InScopeAsync(async s => { await s.GetRequiredService<CreditReviewQueue>().AssignAsync(reviewId, userId); return true; });

    public Task DecideAsync(Guid reviewId, CreditReviewOutcome outcome, string reason) =>
        InScopeAsync(async s => { await s.GetRequiredService<CreditReviewQueue>().DecideAsync(reviewId, outcome, reason); return true; });

    /// <summary>Checks a contract in "credit check pending" now (button).</summary>
    public Task<CreditCheck> RunCheckAsync(Guid contractId) =>
        InScopeAsync(s => s.GetRequiredService<RunCreditCheck>().RunAsync(contractId, "button"));

    /// <summary>Records the customer's objection to a rejected check: the contract goes to manual review.</summary>
    public Task<CreditReview> ContestAsync(Guid contractId, string reason) =>
        InScopeAsync(s => s.GetRequiredService<ContestCreditReject>().RunAsync(contractId, reason));

    /// <summary>The contract's checks, newest first, each with the review case it opened.</summary>
    public Task<IReadOnlyList<ContractCreditEntry>> ChecksAsync(Guid contractId, CancellationToken ct = default) => InScopeAsync<IReadOnlyList<ContractCreditEntry>>(async s =>
    {
        var db = s.GetRequiredService<JoulesDbContext>();
        var checks = await db.CreditChecks.AsNoTracking().Where(c => c.ContractId == contractId).ToListAsync(ct);
        var reviews = await db.CreditReviews.AsNoTracking().Where(r => r.ContractId == contractId).ToListAsync(ct);
        // A contest opens a second case on the same check: show the newest.
        return checks.OrderByDescending(c => c.RequestedAt)
            .Select(c => new ContractCreditEntry(c, reviews.Where(r => r.CheckId == c.Id).OrderByDescending(r => r.OpenedAt).FirstOrDefault()))
            .ToList();
    });

    /// <summary>Active back-office users of the signed-in user's brand (all brands for administrators of the operator).</summary>
    public Task<IReadOnlyList<CreditReviewer>> ReviewersAsync(CancellationToken ct = default) => InScopeAsync<IReadOnlyList<CreditReviewer>>(async s =>
    {
        var db = s.GetRequiredService<JoulesDbContext>();
        var brand = currentUser.AllBrands ? null : currentUser.BrandId;
        var roleIds = db.Roles.Where(r => r.Name == Roles.Administrator || r.Name == Roles.Staff).Select(r => r.Id);
        var userIds = db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        var users = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && userIds.Contains(u.Id) && (brand == null || u.BrandId == brand || u.AllBrands))
            .Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(ct);
        return users.Select(u => new CreditReviewer(u.Id, string.IsNullOrEmpty(u.DisplayName) ? u.UserName ?? "" : u.DisplayName))
            .OrderBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    });

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = currentUser.User;
        return await work(scope.ServiceProvider);
    }
}
