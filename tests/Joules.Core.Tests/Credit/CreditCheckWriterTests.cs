using System.Globalization;
using Joules.Core.Credit;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Tests.UseCases.Credit;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace Joules.Core.Tests.Credit;

/// <summary>Group commit of decided checks, and the brand configuration the checks read from the cache.</summary>
public sealed class CreditCheckWriterTests : IAsyncLifetime
{
    private CreditCheckScenario _s = null!;

    public CreditCheckWriterTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    public async Task InitializeAsync()
    {
        _s = await CreditCheckScenario.CreateAsync();
        await _s.ConfigureAsync(s => s.ReuseDays = 0, ("schufa", "basisscore"));
        await _s.AddRulesAsync(
            ScoreRangeRule.Range(_s.BrandId, "schufa", "basisscore", 95m, 100m, CreditDecision.AutoAccept),
            ScoreRangeRule.Range(_s.BrandId, "schufa", "basisscore", 90m, 94.9m, CreditDecision.ManualReview),
            ScoreRangeRule.Range(_s.BrandId, "schufa", "basisscore", 0m, 89.9m, CreditDecision.AutoReject));
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Forty_checks_running_at_once_are_all_stored_with_history_and_review_cases()
    {
        _s.Bureaus.Scores("schufa", 92m);
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++) ids.Add(await _s.PendingContractAsync($"V-{i:D3}", $"Person{i}"));

        var checks = await Task.WhenAll(ids.Select(id => _s.RunAsync(id, "auto")));

        checks.ShouldAllBe(c => c.Decision == CreditDecision.ManualReview);
        await using var db = _s.Db();
        (await db.CreditChecks.CountAsync()).ShouldBe(40);
        (await db.CreditReviews.CountAsync()).ShouldBe(40);
        var contracts = await db.Contracts.Include(c => c.History).Where(c => ids.Contains(c.Id)).ToListAsync();
        contracts.ShouldAllBe(c => c.Status == ContractStatus.CreditCheckManualReview);
        contracts.ShouldAllBe(c => c.History.Count(h => h.Source == "credit-check") == 1);
        (await db.DomainEvents.CountAsync(e => e.Type.Contains("ContractStatusChanged"))).ShouldBeGreaterThanOrEqualTo(80);
    }

    [Fact]
    public async Task A_check_whose_contract_moved_on_fails_alone_and_the_others_are_stored()
    {
        var first = await _s.PendingContractAsync("V-201", "Eins");
        var moved = await _s.PendingContractAsync("V-202", "Zwei");
        var third = await _s.PendingContractAsync("V-203", "Drei");
        var decided = new List<DecidedCreditCheck>();
        await using (var db = _s.Db())
        {
            foreach (var id in new[] { first, moved, third })
            {
                var contract = await db.Contracts.SingleAsync(c => c.Id == id);
                var check = CreditCheck.Start(_s.BrandId, id, contract.CustomerId, "key-" + id, new CreditCheckContext(contract.Commodity, CustomerType.Household, contract.Channel),
                    "s.pruefer", "auto", _s.Clock.Now);
                check.Decide(CreditDecision.AutoAccept, null, "Test", _s.Clock.Now);
                decided.Add(new DecidedCreditCheck(check, ContractStatus.CreditCheckPassed, "Bonität geprüft", null, db.User, _s.Clock.Now));
            }
            var other = await db.Contracts.SingleAsync(c => c.Id == moved);
            other.ChangeStatus(ContractStatus.Withdrawn, "kunde", "Widerruf");
            await db.SaveChangesAsync();
        }

        var stores = decided.Select(d => _s.Writer.StoreAsync(d)).ToList();

        await stores[0];
        (await Should.ThrowAsync<DomainException>(() => stores[1])).Message.ShouldContain("Widerrufen", Case.Insensitive);
        await stores[2];
        (await _s.ContractAsync(first)).Status.ShouldBe(ContractStatus.CreditCheckPassed);
        (await _s.ContractAsync(third)).Status.ShouldBe(ContractStatus.CreditCheckPassed);
        (await _s.ContractAsync(moved)).Status.ShouldBe(ContractStatus.Withdrawn);
        await using var after = _s.Db();
        (await after.CreditChecks.Select(c => c.ContractId).ToListAsync()).ShouldBe([first, third], ignoreOrder: true);
    }

    [Fact]
    public async Task A_rule_changed_between_two_checks_decides_the_second_check_at_once()
    {
        _s.Bureaus.Scores("schufa", 92m);
        var before = await _s.RunAsync(await _s.PendingContractAsync("V-301", "Vorher"));
        before.Decision.ShouldBe(CreditDecision.ManualReview);

        await using (var db = _s.Db())
        {
            var rule = await db.ScoreRangeRules.SingleAsync(r => r.Decision == CreditDecision.ManualReview);
            db.ScoreRangeRules.Remove(rule);
            db.ScoreRangeRules.Add(ScoreRangeRule.Range(_s.BrandId, "schufa", "basisscore", 90m, 94.9m, CreditDecision.AcceptWithPrepayment));
            await db.SaveChangesAsync();
        }
        var after = await _s.RunAsync(await _s.PendingContractAsync("V-302", "Nachher"));

        after.Decision.ShouldBe(CreditDecision.AcceptWithPrepayment);
    }
}

/// <summary>A contract that leaves the credit check another way closes its open review case.</summary>
public sealed class CloseReviewWhenContractMovesOnTests : IAsyncLifetime
{
    private CreditCheckScenario _s = null!;

    public CloseReviewWhenContractMovesOnTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    public async Task InitializeAsync()
    {
        _s = await CreditCheckScenario.CreateAsync();
        await _s.ConfigureAsync(s => s.ReuseDays = 0, ("schufa", "basisscore"));
        await _s.AddRulesAsync(ScoreRangeRule.Range(_s.BrandId, "schufa", "basisscore", 90m, 94.9m, CreditDecision.ManualReview));
        _s.Bureaus.Scores("schufa", 92m);
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task A_withdrawn_contract_closes_its_open_case_with_the_new_status_as_reason()
    {
        var id = await _s.PendingContractAsync("V-401", "Grenzfall");
        await _s.RunAsync(id);
        Events.ContractStatusChanged changed;
        await using (var db = _s.Db())
        {
            var contract = await db.Contracts.SingleAsync(c => c.Id == id);
            contract.ChangeStatus(ContractStatus.Withdrawn, "kunde", "Widerruf per Brief");
            changed = (Events.ContractStatusChanged)contract.DomainEvents.Single();
            await db.SaveChangesAsync();
        }

        await using (var db = _s.Db()) await new CloseReviewWhenContractMovesOn(db, _s.Clock).HandleAsync(changed, CancellationToken.None);

        var review = (await _s.ReviewsAsync(id)).Single();
        review.IsOpen.ShouldBeFalse();
        review.Outcome.ShouldBe(CreditReviewOutcome.Obsolete);
        review.DecisionReason.ShouldNotBeNull();
        review.DecisionReason.ShouldContain("Widerrufen");
    }

    [Fact]
    public async Task A_case_cannot_be_decided_as_closed_by_a_reviewer()
    {
        var id = await _s.PendingContractAsync("V-402", "Grenzfall");
        await _s.RunAsync(id);
        var review = (await _s.ReviewsAsync(id)).Single();

        Should.Throw<DomainException>(() => review.Decide(CreditReviewOutcome.Obsolete, "Keine Entscheidung nötig", "s.pruefer", _s.Clock.Now));
    }
}
