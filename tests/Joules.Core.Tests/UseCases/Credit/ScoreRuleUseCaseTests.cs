using Joules.Core.Credit;
using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Tests.Infrastructure;
using Joules.Core.UseCases.Credit;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.UseCases.Credit;

public class ScoreRuleUseCaseTests : UseCaseTestBase
{
    private static ScoreRuleDraft Band(decimal min, decimal max, CreditDecision decision, Guid? id = null) =>
        new(id, "schufa", "score-2026", min, max, false, decision);

    [Fact]
    public async Task Rules_are_saved_edited_listed_and_deleted_for_the_brand_only()
    {
        Guid id;
        await using (var db = ClerkOf(BrandA))
        {
            var rules = new SaveScoreRangeRules(db);
            id = await rules.SaveAsync(BrandA.Id, Band(100, 599, CreditDecision.AutoReject));
            await rules.SaveAsync(BrandA.Id, new ScoreRuleDraft(null, "schufa", "score-2026", null, null, true, CreditDecision.AutoReject));
            await rules.SaveAsync(BrandA.Id, Band(500, 599, CreditDecision.ManualReview, id) with { CustomerType = CustomerType.Business });
        }
        await using (var db = ClerkOf(BrandB))
            await new SaveScoreRangeRules(db).SaveAsync(BrandB.Id, Band(100, 999, CreditDecision.AutoAccept));

        await using (var db = ClerkOf(BrandA))
        {
            var list = await new SaveScoreRangeRules(db).ListAsync(BrandA.Id);
            list.Count.ShouldBe(2);
            list[0].MatchesNegativeFeatures.ShouldBeTrue();
            list[1].ShouldBe(Band(500, 599, CreditDecision.ManualReview, id) with { CustomerType = CustomerType.Business });

            await Should.ThrowAsync<DomainException>(() => new SaveScoreRangeRules(db).ListAsync(BrandB.Id));
            await new SaveScoreRangeRules(db).DeleteAsync(BrandA.Id, id);
            (await new SaveScoreRangeRules(db).ListAsync(BrandA.Id)).Count.ShouldBe(1);
        }
        await using var system = System();
        (await system.ScoreRangeRules.CountAsync(r => r.BrandId == BrandB.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task An_invalid_range_is_refused_with_a_message_naming_the_field_and_nothing_is_saved()
    {
        await using var db = ClerkOf(BrandA);
        var rules = new SaveScoreRangeRules(db);
        var order = await Should.ThrowAsync<DomainException>(() => rules.SaveAsync(BrandA.Id, Band(700, 600, CreditDecision.AutoAccept)));
        order.Field.ShouldBe("Min");
        order.Message.ShouldContain("größer als der Bis-Wert");
        var scale = await Should.ThrowAsync<DomainException>(() => rules.SaveAsync(BrandA.Id, Band(50, 600, CreditDecision.AutoAccept)));
        scale.Field.ShouldBe("Max");
        scale.Message.ShouldContain("100 bis 999");
        Should.Throw<DomainException>(() => SaveScoreRangeRules.Validate(Band(100, 600, CreditDecision.AutoAccept) with { Min = null })).Field.ShouldBe("Min");
        (await db.ScoreRangeRules.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Preview_counts_equal_a_direct_re_decision_and_list_the_changed_cases_with_contract_number()
    {
        var at = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        await using (var db = ClerkOf(BrandA))
        {
            var rules = new SaveScoreRangeRules(db);
            await rules.SaveAsync(BrandA.Id, Band(100, 599, CreditDecision.AutoReject));
            await rules.SaveAsync(BrandA.Id, Band(600, 799, CreditDecision.ManualReview));
            await rules.SaveAsync(BrandA.Id, Band(800, 999, CreditDecision.AutoAccept));
            decimal?[] scores = [150, 580, 620, 700, 790, 850, 990, null];
            for (var i = 0; i < scores.Length; i++)
                await AddCheckAsync(db, BrandA, $"V-{i + 1}", scores[i], [], at.AddMinutes(i));
            await AddCheckAsync(db, BrandA, "V-NEG", 900, ["INSO"], at.AddMinutes(20));
            await AddUnansweredCheckAsync(db, BrandA, "V-NONE", at.AddMinutes(30));
        }
        await using (var db = ClerkOf(BrandB))
            await AddCheckAsync(db, BrandB, "B-1", 700, [], at);

        await using var read = ClerkOf(BrandA);
        var preview = new PreviewScoreRules(read);
        var sample = await preview.LoadAsync(BrandA.Id);
        sample.Count.ShouldBe(9);

        var saved = await new SaveScoreRangeRules(read).ListAsync(BrandA.Id);
        var unchanged = PreviewScoreRules.Compute(sample, saved);
        unchanged.Changed.ShouldBe(0);
        unchanged.Now.ShouldBe(new DecisionCounts(Accepted: 2, Manual: 5, Rejected: 2, Prepayment: 0));
        unchanged.Draft.ShouldBe(unchanged.Now);

        // Draft: the review band shrinks to 600–699, 700–799 now means prepayment; negative features are rejected.
        var draft = saved.Where(r => r.Min != 600).Append(Band(600, 699, CreditDecision.ManualReview))
            .Append(Band(700, 799, CreditDecision.AcceptWithPrepayment))
            .Append(new ScoreRuleDraft(null, "schufa", "score-2026", null, null, true, CreditDecision.AutoReject)).ToList();
        var result = PreviewScoreRules.Compute(sample, draft);

        var checks = await read.CreditChecks.AsNoTracking().Where(c => c.ResponseHash != null).ToListAsync();
        var direct = checks.Select(c => CreditDecisionEngine.Decide(c.Answer!, draft.Select(d => d.ToRule(BrandA.Id)), c.Context).Decision).ToList();
        result.Draft.ShouldBe(new DecisionCounts(
            direct.Count(d => d == CreditDecision.AutoAccept), direct.Count(d => d == CreditDecision.ManualReview),
            direct.Count(d => d == CreditDecision.AutoReject), direct.Count(d => d == CreditDecision.AcceptWithPrepayment)));
        result.Draft.ShouldBe(new DecisionCounts(Accepted: 2, Manual: 2, Rejected: 3, Prepayment: 2));
        result.Checks.ShouldBe(9);
        result.Changed.ShouldBe(3);
        result.Cases.Select(c => c.ContractNumber).ShouldBe(["V-NEG", "V-5", "V-4"]);
        var negative = result.Cases[0];
        (negative.Before, negative.After, negative.Bureau, negative.Score).ShouldBe((CreditDecision.ManualReview, CreditDecision.AutoReject, "schufa", 900m));
        negative.NegativeFeatures.ShouldBe(["INSO"]);
        result.Cases[1].After.ShouldBe(CreditDecision.AcceptWithPrepayment);

        PreviewScoreRules.Compute(sample, draft, maxCases: 1).ShouldSatisfyAllConditions(
            p => p.Changed.ShouldBe(3), p => p.Cases.Count.ShouldBe(1));
    }

    [Fact]
    public async Task Preview_of_a_brand_without_checks_is_empty()
    {
        await using var db = ClerkOf(BrandA);
        var sample = await new PreviewScoreRules(db).LoadAsync(BrandA.Id);
        var result = PreviewScoreRules.Compute(sample, [Band(100, 999, CreditDecision.AutoAccept)]);
        result.Checks.ShouldBe(0);
        result.Changed.ShouldBe(0);
        result.Cases.ShouldBeEmpty();
    }

    private static async Task AddCheckAsync(JoulesDbContext db, Brand brand, string contractNumber, decimal? score, string[] negatives, DateTimeOffset at)
    {
        var contract = await TestData.AddContractAsync(db, brand.Id, contractNumber);
        var check = CreditCheck.Start(brand.Id, contract.Id, contract.CustomerId, new string('a', 64),
            new CreditCheckContext(Commodity.Electricity, CustomerType.Household, SalesChannel.Online), "test", "button", at);
        var answer = new BureauResult("schufa", "score-2026", score, null, negatives, null, at, Convert.ToHexString(Guid.NewGuid().ToByteArray()));
        check.RecordAnswer(answer, depth: 1);
        var rules = await db.ScoreRangeRules.AsNoTracking().ToListAsync();
        var outcome = CreditDecisionEngine.Decide(answer, rules, check.Context);
        check.Decide(outcome.Decision, outcome.Rule?.Id, outcome.Reason, at);
        db.CreditChecks.Add(check);
        await db.SaveChangesAsync();
    }

    private static async Task AddUnansweredCheckAsync(JoulesDbContext db, Brand brand, string contractNumber, DateTimeOffset at)
    {
        var contract = await TestData.AddContractAsync(db, brand.Id, contractNumber);
        var check = CreditCheck.Start(brand.Id, contract.Id, contract.CustomerId, new string('b', 64),
            new CreditCheckContext(Commodity.Electricity, CustomerType.Household, SalesChannel.Online), "test", "auto", at);
        check.RecordFailure("SCHUFA", "Zeitüberschreitung", 1);
        check.Decide(CreditDecision.ManualReview, null, "keine Auskunftei", at);
        db.CreditChecks.Add(check);
        await db.SaveChangesAsync();
    }
}
