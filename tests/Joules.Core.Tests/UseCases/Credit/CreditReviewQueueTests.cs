using System.Globalization;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Identity;
using Joules.Core.UseCases.Credit;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace Joules.Core.Tests.UseCases.Credit;

public sealed class CreditReviewQueueTests : IAsyncLifetime
{
    private CreditCheckScenario _s = null!;

    public CreditReviewQueueTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    public async Task InitializeAsync()
    {
        _s = await CreditCheckScenario.CreateAsync();
        await _s.ConfigureAsync(null, ("schufa", "basisscore"));
        await _s.AddRulesAsync(
            ScoreRangeRule.Range(_s.BrandId, "schufa", "basisscore", 95m, 100m, CreditDecision.AutoAccept),
            ScoreRangeRule.Range(_s.BrandId, "schufa", "basisscore", 90m, 94.9m, CreditDecision.ManualReview),
            ScoreRangeRule.Range(_s.BrandId, "schufa", "basisscore", 0m, 89.9m, CreditDecision.AutoReject));
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private async Task<Guid> ReviewerAsync(string userName, string displayName)
    {
        await using var db = _s.Db();
        var user = new JoulesUser { Id = Guid.NewGuid(), UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = displayName, BrandId = _s.BrandId };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    [Fact]
    public async Task The_queue_shows_the_bureau_answer_and_the_rule_that_matched()
    {
        _s.Bureaus.Scores("schufa", 92.4m);
        var id = await _s.PendingContractAsync("V-200", "Grenzfall");
        await _s.RunAsync(id);

        await using var db = _s.Db();
        var page = await new CreditReviewQueue(db, _s.Clock).SearchAsync(new CreditReviewQuery());

        page.Total.ShouldBe(1);
        var row = page.Rows.ShouldHaveSingleItem();
        row.ContractNumber.ShouldBe("V-200");
        row.CustomerName.ShouldContain("Grenzfall");
        row.Bureau.ShouldBe("schufa");
        row.Score.ShouldBe(92.4m);
        row.RuleText.ShouldNotBeNull();
        row.RuleText.ShouldContain("90–94,9");
        row.RuleText.ShouldContain("Manuelle Prüfung");
        row.Origin.ShouldBe(CreditReviewOrigin.Rules);
        (await new CreditReviewQueue(db, _s.Clock).SearchAsync(new CreditReviewQuery(Search: "V-999"))).Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_reviewer_takes_the_case_and_decides_with_a_reason_which_moves_the_contract_on_and_is_audited()
    {
        _s.Bureaus.Scores("schufa", 91m);
        var id = await _s.PendingContractAsync("V-201", "Grenzfall");
        await _s.RunAsync(id);
        var reviewerId = await ReviewerAsync("r.pruefer", "Rita Prüfer");
        var reviewId = (await _s.ReviewsAsync(id)).Single().Id;

        await using (var db = _s.Db("r.pruefer", reviewerId))
        {
            var queue = new CreditReviewQueue(db, _s.Clock);
            await queue.AssignAsync(reviewId, reviewerId);
            (await queue.SearchAsync(new CreditReviewQuery(CreditReviewFilter.Mine))).Rows.ShouldHaveSingleItem().AssignedToName.ShouldBe("Rita Prüfer");
            var missing = await Should.ThrowAsync<DomainException>(() => queue.DecideAsync(reviewId, CreditReviewOutcome.Accepted, "ok"));
            missing.Field.ShouldBe(nameof(CreditReview.DecisionReason));
        }
        await using (var db = _s.Db("r.pruefer", reviewerId))
            await new CreditReviewQueue(db, _s.Clock).DecideAsync(reviewId, CreditReviewOutcome.Accepted, "Gehaltsnachweis liegt vor, Einkommen ausreichend");

        var contract = await _s.ContractAsync(id);
        contract.Status.ShouldBe(ContractStatus.CreditCheckPassed);
        var line = contract.History.OrderBy(h => h.At).Last();
        line.Actor.ShouldBe("r.pruefer");
        line.Reason!.ShouldContain("Gehaltsnachweis");
        var review = (await _s.ReviewsAsync(id)).Single();
        review.DecidedBy.ShouldBe("r.pruefer");
        review.Outcome.ShouldBe(CreditReviewOutcome.Accepted);

        await using var audit = _s.Db();
        var entries = await audit.AuditEntries.Where(a => a.EntityType == nameof(CreditReview) && a.EntityId == reviewId.ToString()).ToListAsync();
        entries.Count.ShouldBeGreaterThanOrEqualTo(3);   // opened, assigned, decided
        entries.ShouldContain(a => a.UserName == "r.pruefer" && a.Changes != null && a.Changes.Contains("Gehaltsnachweis"));
    }

    [Fact]
    public async Task A_decided_case_cannot_be_decided_again()
    {
        _s.Bureaus.Scores("schufa", 91m);
        var id = await _s.PendingContractAsync("V-202", "Grenzfall");
        await _s.RunAsync(id);
        var reviewId = (await _s.ReviewsAsync(id)).Single().Id;
        await using var db = _s.Db();
        var queue = new CreditReviewQueue(db, _s.Clock);
        await queue.DecideAsync(reviewId, CreditReviewOutcome.Rejected, "Mehrere offene Forderungen bei Vorversorger");

        await Should.ThrowAsync<DomainException>(() => queue.DecideAsync(reviewId, CreditReviewOutcome.Accepted, "doch angenommen, Irrtum"));
        (await _s.ContractAsync(id)).Status.ShouldBe(ContractStatus.CreditCheckRejected);
    }

    [Fact]
    public async Task A_contested_automatic_reject_lands_in_the_queue_and_the_contract_in_manual_review()
    {
        _s.Bureaus.Scores("schufa", 40m);
        var id = await _s.PendingContractAsync("V-203");
        await _s.RunAsync(id);
        (await _s.ContractAsync(id)).Status.ShouldBe(ContractStatus.CreditCheckRejected);

        await using (var db = _s.Db())
        {
            var blank = await Should.ThrowAsync<DomainException>(() => new ContestCreditReject(db, _s.Clock).RunAsync(id, " "));
            blank.Field.ShouldBe("Reason");
            await new ContestCreditReject(db, _s.Clock).RunAsync(id, "Kundin legt Kontoauszüge vor; Inkasso ist erledigt");
        }

        (await _s.ContractAsync(id)).Status.ShouldBe(ContractStatus.CreditCheckManualReview);
        var review = (await _s.ReviewsAsync(id)).ShouldHaveSingleItem();
        review.Origin.ShouldBe(CreditReviewOrigin.Contested);
        review.ContestReason.ShouldBe("Kundin legt Kontoauszüge vor; Inkasso ist erledigt");
        await using var read = _s.Db();
        (await new CreditReviewQueue(read, _s.Clock).SearchAsync(new CreditReviewQuery())).Rows.ShouldHaveSingleItem().Origin.ShouldBe(CreditReviewOrigin.Contested);
    }

    [Fact]
    public async Task Only_a_rejected_contract_can_be_contested()
    {
        _s.Bureaus.Scores("schufa", 97m);
        var id = await _s.PendingContractAsync("V-204");
        await _s.RunAsync(id);
        await using var db = _s.Db();
        var ex = await Should.ThrowAsync<DomainException>(() => new ContestCreditReject(db, _s.Clock).RunAsync(id, "Widerspruch ohne Ablehnung"));
        ex.Message.ShouldContain("Bonitätsprüfung bestanden");
    }

    [Fact]
    public async Task An_open_case_is_decided_in_the_queue_not_by_a_plain_status_change()
    {
        _s.Bureaus.Scores("schufa", 91m);
        var id = await _s.PendingContractAsync("V-205", "Grenzfall");
        await _s.RunAsync(id);

        await using var db = _s.Db();
        var ex = await Should.ThrowAsync<DomainException>(() =>
            new Joules.Core.UseCases.Contracts.ChangeContractStatus(db).RunAsync(id, ContractStatus.CreditCheckPassed, null));
        ex.Message.ShouldContain("Prüffälle Bonität");
        (await _s.ContractAsync(id)).Status.ShouldBe(ContractStatus.CreditCheckManualReview);
    }
}
