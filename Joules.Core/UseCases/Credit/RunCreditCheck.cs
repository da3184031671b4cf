using System.Collections.Concurrent;
using Joules.Core.Credit;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Credit;

/// <summary>Runs the credit check of a contract in "credit check pending" (CRD-1 to CRD-4): reuses a recent answer about
/// the same person or asks the bureaus routed for the customer's country and type in fallback order, at the depth the
/// contract's size calls for; decides with the brand's score range rules and moves the contract to passed, manual review
/// or rejected with the reason in its history. A bureau that is down or slow never leads to a silent accept or reject:
/// when no bureau answers, the case goes to the manual review queue with the bureaus' errors.</summary>
public sealed class RunCreditCheck(JoulesDbContext db, ICreditBureauDirectory bureaus, BrandConfigurationCache cache, CreditCheckWriter writer, TimeProvider time)
{
    private static readonly ConcurrentDictionary<Guid, byte> Running = new();

    // Compiled once: every check runs these, and building and translating their expression trees per call cost more
    // than the queries themselves.
    private static readonly Func<JoulesDbContext, Guid, CancellationToken, Task<Contract?>> ContractById =
        EF.CompileAsyncQuery((JoulesDbContext db, Guid id, CancellationToken _) => db.Contracts.AsNoTracking().SingleOrDefault(c => c.Id == id));

    private static readonly Func<JoulesDbContext, Guid, CancellationToken, Task<Customer>> CustomerById =
        EF.CompileAsyncQuery((JoulesDbContext db, Guid id, CancellationToken _) => db.Customers.AsNoTracking().Single(c => c.Id == id));

    private static readonly Func<JoulesDbContext, Guid, string, int, IAsyncEnumerable<CreditCheck>> EarlierAnswers =
        EF.CompileAsyncQuery((JoulesDbContext db, Guid brandId, string subjectKey, int depth) => db.CreditChecks.AsNoTracking()
            .Where(c => c.BrandId == brandId && c.SubjectKey == subjectKey && c.ResponseHash != null && c.Depth >= depth)
            .OrderByDescending(c => c.RequestedAt).Take(20));

    /// <summary>Checks contract <paramref name="contractId"/>.</summary>
    /// <param name="contractId">The contract; it must be in "credit check pending".</param>
    /// <param name="trigger"><c>auto</c> (status change) or <c>button</c>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored check with its decision.</returns>
    /// <exception cref="DomainException">The contract is unknown, not pending, or being checked right now.</exception>
    public async Task<CreditCheck> RunAsync(Guid contractId, string trigger = "button", CancellationToken ct = default)
    {
        if (!Running.TryAdd(contractId, 0)) throw new DomainException(CoreText.Get("Credit.CheckRunning"));
        try { return await CheckAsync(contractId, trigger, ct); }
        finally { Running.TryRemove(contractId, out _); }
    }

    private async Task<CreditCheck> CheckAsync(Guid contractId, string trigger, CancellationToken ct)
    {
        // One connection for the reads before the bureau is asked, instead of one per query; closed while waiting.
        await db.Database.OpenConnectionAsync(ct);
        var contract = await ContractById(db, contractId, ct)
            ?? throw new DomainException(CoreText.Get("Contract.NotFound"));
        if (contract.Status != ContractStatus.CreditCheckPending)
            throw new DomainException(CoreText.Format("Credit.NotPending", ContractStatusText.Label(contract.Status), ContractStatusText.Label(ContractStatus.CreditCheckPending)), nameof(Contract.Status));
        var customer = await CustomerById(db, contract.CustomerId, ct);
        var brandId = contract.BrandId;
        var (settings, routes, rules) = await cache.GetAsync(CreditSetup.CacheKey, brandId, c => CreditSetup.LoadAsync(db, brandId, c), ct);
        decimal? value = null;
        // The contract value only matters when the brand switches depth by value (CRD-4).
        if (settings.FullCheckFromContractValue is not null && contract.PriceListId is { } priceListId
            && await db.PriceLists.AsNoTracking().SingleOrDefaultAsync(p => p.Id == priceListId, ct) is { } prices)
            value = prices.AnnualCostNet(contract.AnnualConsumptionKwh);

        var subject = CreditSubjects.From(customer);
        var context = new CreditCheckContext(contract.Commodity, customer.Type, contract.Channel);
        var now = time.GetUtcNow();
        var check = CreditCheck.Start(brandId, contract.Id, customer.Id, CreditSubjects.Key(subject), context, db.User.UserName, trigger, now);
        var plan = CreditCheckPlanner.Plan(settings, routes, customer.PostalAddress.Country, customer.Type, contract.AnnualConsumptionKwh, value);

        var reused = plan.Count > 0 && await TryReuseAsync(check, settings, plan, now, ct);
        await db.Database.CloseConnectionAsync();
        if (plan.Count > 0 && !reused) await AskBureausAsync(check, plan, subject, brandId, ct);

        var outcome = Decide(check, plan, rules, context);
        check.Decide(outcome.Decision, outcome.Rule?.Id, outcome.Reason, time.GetUtcNow());
        var (to, history) = CreditCheckHistory.Describe(check, outcome);
        CreditReviewOrigin? review = to != ContractStatus.CreditCheckManualReview ? null
            : check.HasAnswer ? CreditReviewOrigin.Rules : CreditReviewOrigin.BureauUnavailable;
        var user = db.User is CurrentUserAccessor accessor ? accessor.User : db.User;
        await writer.StoreAsync(new DecidedCreditCheck(check, to, history, review, user, time.GetUtcNow()), ct);
        return check;
    }

    private async Task<bool> TryReuseAsync(CreditCheck check, CreditCheckSettings settings, IReadOnlyList<PlannedCheck> plan, DateTimeOffset now, CancellationToken ct)
    {
        if (settings.ReuseDays <= 0) return false;
        var since = now.AddDays(-settings.ReuseDays);
        var depth = (int)plan[0].Depth;
        var candidates = await EarlierAnswers(db, check.BrandId, check.SubjectKey, depth).ToListAsync(ct);
        var earlier = candidates.FirstOrDefault(c => c.BureauRequestedAt >= since && plan.Any(p => p.Bureau == c.Bureau && p.Product == c.Product));
        if (earlier?.Answer is not { } answer) return false;
        check.RecordAnswer(answer, earlier.Depth ?? depth, earlier.ReusedFromCheckId ?? earlier.Id);
        return true;
    }

    private async Task AskBureausAsync(CreditCheck check, IReadOnlyList<PlannedCheck> plan, CreditSubject subject, Guid brandId, CancellationToken ct)
    {
        foreach (var planned in plan)
        {
            try
            {
                var answer = await bureaus.CheckAsync(planned.Bureau, new CreditCheckRequest(check.Id, brandId, planned.Product, planned.Depth, subject), ct);
                check.RecordAnswer(answer, (int)planned.Depth);
                return;
            }
            catch (CreditBureauUnavailableException ex)
            {
                check.RecordFailure(Bureaus.Find(planned.Bureau)?.Name ?? planned.Bureau, ex.Message, (int)planned.Depth);
            }
        }
    }

    private static CreditDecisionOutcome Decide(CreditCheck check, IReadOnlyList<PlannedCheck> plan, IReadOnlyList<ScoreRangeRule> rules, CreditCheckContext context)
    {
        if (check.Answer is { } answer) return CreditDecisionEngine.Decide(answer, rules, context, (CreditCheckDepth)(check.Depth ?? 1));
        return plan.Count == 0
            ? new(CreditDecision.ManualReview, null, CoreText.Get("Credit.Reason.NoRoute"))
            : new(CreditDecision.ManualReview, null, CoreText.Format("Credit.Reason.BureausUnavailable", check.Failures ?? ""));
    }
}
