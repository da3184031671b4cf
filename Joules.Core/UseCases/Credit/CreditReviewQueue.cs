using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Credit;

/// <summary>Which cases a queue page shows.</summary>
public enum CreditReviewFilter { Open = 0, Mine = 1, Unassigned = 2, Decided = 3, All = 4 }

/// <summary>A page of the review queue: filter, search (contract number, customer name or number), paging.</summary>
public sealed record CreditReviewQuery(CreditReviewFilter Filter = CreditReviewFilter.Open, string? Search = null, int Page = 0, int PageSize = 25);

/// <summary>One case as the queue shows it: the contract, the bureau's answer, the rule that matched and the state.</summary>
public sealed record CreditReviewRow(Guid ReviewId, Guid ContractId, string ContractNumber, string CustomerName, ContractStatus ContractStatus,
    CreditReviewOrigin Origin, DateTimeOffset OpenedAt, string OpenedBy, string? ContestReason, Guid? AssignedToUserId, string? AssignedToName,
    string? Bureau, string? Product, decimal? Score, string? ScoreClass, IReadOnlyList<string> NegativeFeatures, decimal? ProbabilityOfDefault,
    bool Reused, string? Failures, CreditDecision CheckDecision, string CheckReason, Guid? RuleId, string? RuleText,
    CreditReviewOutcome? Outcome, string? DecisionReason, string? DecidedBy, DateTimeOffset? DecidedAt);

/// <summary>A page of rows and the total count.</summary>
public sealed record CreditReviewPage(IReadOnlyList<CreditReviewRow> Rows, int Total);

/// <summary>The manual review queue (CRD-3): lists borderline cases, bureau outages and contested rejects with the
/// bureau's answer and the rule that matched; assigns them to a reviewer; decides them with a mandatory reason, which
/// moves the contract to passed or rejected. Every change is written to the audit trail with who and when.</summary>
public sealed class CreditReviewQueue(JoulesDbContext db, TimeProvider time)
{
    /// <summary>A page of cases, oldest open first (decided: newest first).</summary>
    public async Task<CreditReviewPage> SearchAsync(CreditReviewQuery query, CancellationToken ct = default)
    {
        var me = db.User.UserId;
        var q = from r in db.CreditReviews
                join c in db.Contracts on r.ContractId equals c.Id
                join k in db.Customers on c.CustomerId equals k.Id
                select new { r, c, k };
        q = query.Filter switch
        {
            CreditReviewFilter.Open => q.Where(x => x.r.DecidedAt == null),
            CreditReviewFilter.Mine => q.Where(x => x.r.DecidedAt == null && x.r.AssignedToUserId == me),
            CreditReviewFilter.Unassigned => q.Where(x => x.r.DecidedAt == null && x.r.AssignedToUserId == null),
            CreditReviewFilter.Decided => q.Where(x => x.r.DecidedAt != null),
            _ => q,
        };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            q = q.Where(x => x.c.ContractNumber.Contains(s) || x.k.CustomerNumber.Contains(s) || x.k.LastName.Contains(s)
                || (x.k.FirstName != null && x.k.FirstName.Contains(s)) || (x.k.CompanyName != null && x.k.CompanyName.Contains(s)));
        }
        var total = await q.CountAsync(ct);
        var ordered = query.Filter == CreditReviewFilter.Decided ? q.OrderByDescending(x => x.r.DecidedAt) : q.OrderBy(x => x.r.OpenedAt);
        var page = await ordered.Skip(Math.Max(0, query.Page) * query.PageSize).Take(query.PageSize)
            .Select(x => new { x.r, Number = x.c.ContractNumber, x.c.Status, Customer = x.k }).ToListAsync(ct);
        var checkIds = page.Select(p => p.r.CheckId).ToList();
        var checks = await db.CreditChecks.Where(c => checkIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var ruleIds = checks.Values.Where(c => c.RuleId != null).Select(c => c.RuleId!.Value).Distinct().ToList();
        var rules = await db.ScoreRangeRules.Where(r => ruleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var rows = page.Select(p =>
        {
            var check = checks[p.r.CheckId];
            var rule = check.RuleId is { } id && rules.TryGetValue(id, out var found) ? found : null;
            return new CreditReviewRow(p.r.Id, p.r.ContractId, p.Number, p.Customer.DisplayName, p.Status, p.r.Origin, p.r.OpenedAt, p.r.OpenedBy,
                p.r.ContestReason, p.r.AssignedToUserId, p.r.AssignedToName, check.Bureau, check.Product, check.RawScore, check.RawClass,
                check.NegativeFeatureCodes, check.ProbabilityOfDefault, check.ReusedFromCheckId is not null, check.Failures, check.Decision,
                check.Reason, check.RuleId, rule is null ? null : RuleText.Describe(rule), p.r.Outcome, p.r.DecisionReason, p.r.DecidedBy, p.r.DecidedAt);
        }).ToList();
        return new CreditReviewPage(rows, total);
    }

    /// <summary>Assigns the case to <paramref name="userId"/> (null: back to the pool).</summary>
    public async Task AssignAsync(Guid reviewId, Guid? userId, CancellationToken ct = default)
    {
        var review = await FindAsync(reviewId, ct);
        string? name = null;
        if (userId is { } id)
            name = await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName != "" ? u.DisplayName : u.UserName).SingleOrDefaultAsync(ct)
                ?? throw new DomainException(CoreText.Get("Credit.ReviewerUnknown"), "AssignedTo");
        review.Assign(userId, name, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Decides the case with a mandatory reason and moves the contract on: accepted (also with prepayment or
    /// deposit) → credit check passed, rejected → credit check rejected.</summary>
    public async Task DecideAsync(Guid reviewId, CreditReviewOutcome outcome, string reason, CancellationToken ct = default)
    {
        var review = await FindAsync(reviewId, ct);
        var now = time.GetUtcNow();
        review.Decide(outcome, reason, db.User.UserName, now);
        var contract = await db.Contracts.Include(c => c.History).SingleAsync(c => c.Id == review.ContractId, ct);
        if (contract.Status != ContractStatus.CreditCheckManualReview)
            throw new DomainException(CoreText.Format("Credit.NotInReview", ContractStatusText.Label(contract.Status)), nameof(Contract.Status));
        var to = outcome == CreditReviewOutcome.Rejected ? ContractStatus.CreditCheckRejected : ContractStatus.CreditCheckPassed;
        contract.ChangeStatus(to, db.User.UserName, CoreText.Format("Credit.History.Reviewed", DecisionText.Label(outcome), review.DecisionReason!), "credit-review", now);
        await db.SaveChangesAsync(ct);
    }

    private async Task<CreditReview> FindAsync(Guid reviewId, CancellationToken ct) =>
        await db.CreditReviews.SingleOrDefaultAsync(r => r.Id == reviewId, ct) ?? throw new DomainException(CoreText.Get("Credit.ReviewNotFound"));
}

/// <summary>A rule in one line: "SCHUFA Basisscore 90–95 → Manuelle Prüfung (Strom, Privatkunde)".</summary>
public static class RuleText
{
    public static string Describe(ScoreRangeRule rule)
    {
        var bureau = Bureaus.Find(rule.Bureau);
        var product = bureau?.Product(rule.Product)?.Name ?? rule.Product;
        var range = rule.MatchesNegativeFeatures ? CoreText.Get("Credit.Rule.NegativeFeatures") : $"{rule.Min:0.##}–{rule.Max:0.##}";
        var conditions = new[] { rule.Commodity?.ToString(), rule.CustomerType?.ToString(), rule.Channel?.ToString() }.OfType<string>().ToList();
        var suffix = conditions.Count == 0 ? "" : $" ({string.Join(", ", conditions)})";
        return $"{bureau?.Name ?? rule.Bureau} {product} {range} → {DecisionText.Label(rule.Decision)}{suffix}";
    }
}
