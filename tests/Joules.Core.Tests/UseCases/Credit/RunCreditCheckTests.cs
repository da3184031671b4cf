using System.Globalization;
using Joules.Core.Credit;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Shouldly;

namespace Joules.Core.Tests.UseCases.Credit;

public sealed class RunCreditCheckTests : IAsyncLifetime
{
    private CreditCheckScenario _s = null!;

    public RunCreditCheckTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    public async Task InitializeAsync()
    {
        _s = await CreditCheckScenario.CreateAsync();
        await _s.AddRulesAsync(
            ScoreRangeRule.Range(_s.BrandId, "schufa", "basisscore", 95m, 100m, CreditDecision.AutoAccept),
            ScoreRangeRule.Range(_s.BrandId, "schufa", "basisscore", 90m, 94.9m, CreditDecision.ManualReview),
            ScoreRangeRule.Range(_s.BrandId, "schufa", "basisscore", 0m, 89.9m, CreditDecision.AutoReject),
            ScoreRangeRule.Range(_s.BrandId, "crif", "crif-score", 500m, 700m, CreditDecision.AcceptWithPrepayment));
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task A_good_score_passes_the_contract_with_bureau_score_and_rule_in_its_history()
    {
        await _s.ConfigureAsync(null, ("schufa", "basisscore"));
        _s.Bureaus.Scores("schufa", 97.5m);
        var id = await _s.PendingContractAsync("V-100");

        var check = await _s.RunAsync(id);

        check.Decision.ShouldBe(CreditDecision.AutoAccept);
        check.RawScore.ShouldBe(97.5m);
        check.ResponseHash.ShouldNotBeNullOrEmpty();
        check.RuleId.ShouldNotBeNull();
        var contract = await _s.ContractAsync(id);
        contract.Status.ShouldBe(ContractStatus.CreditCheckPassed);
        var line = contract.History.OrderBy(h => h.At).Last();
        line.Reason.ShouldNotBeNull();
        line.Reason.ShouldContain("SCHUFA");
        line.Reason.ShouldContain("97,5");
        line.Reason.ShouldContain("Automatisch angenommen");
        line.Source.ShouldBe("credit-check");
        (await _s.ReviewsAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_borderline_score_goes_to_manual_review_and_opens_a_case_in_the_queue()
    {
        await _s.ConfigureAsync(null, ("schufa", "basisscore"));
        _s.Bureaus.Scores("schufa", 92m);
        var id = await _s.PendingContractAsync("V-101", "Grenzfall");

        var check = await _s.RunAsync(id);

        check.Decision.ShouldBe(CreditDecision.ManualReview);
        (await _s.ContractAsync(id)).Status.ShouldBe(ContractStatus.CreditCheckManualReview);
        var review = (await _s.ReviewsAsync(id)).ShouldHaveSingleItem();
        review.Origin.ShouldBe(CreditReviewOrigin.Rules);
        review.CheckId.ShouldBe(check.Id);
        review.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task A_low_score_rejects_with_the_reason_and_a_prepayment_rule_passes_with_prepayment_noted()
    {
        await _s.ConfigureAsync(null, ("schufa", "basisscore"));
        _s.Bureaus.Scores("schufa", 40m);
        var rejected = await _s.PendingContractAsync("V-102");
        (await _s.RunAsync(rejected)).Decision.ShouldBe(CreditDecision.AutoReject);
        var contract = await _s.ContractAsync(rejected);
        contract.Status.ShouldBe(ContractStatus.CreditCheckRejected);
        contract.History.OrderBy(h => h.At).Last().Reason!.ShouldContain("Automatisch abgelehnt");

        _s.Bureaus.Fails("schufa", "Zeitüberschreitung");
        _s.Bureaus.Scores("crif", 610m);
        await _s.ConfigureAsync(null, ("crif", "crif-score"));
        var prepaid = await _s.PendingContractAsync("V-103", "Vorkasse");
        (await _s.RunAsync(prepaid)).Decision.ShouldBe(CreditDecision.AcceptWithPrepayment);
        var passed = await _s.ContractAsync(prepaid);
        passed.Status.ShouldBe(ContractStatus.CreditCheckPassed);
        passed.History.OrderBy(h => h.At).Last().Reason!.ShouldContain("Vorauszahlung");
    }

    [Fact]
    public async Task An_unavailable_bureau_falls_back_to_the_next_route_and_records_why()
    {
        await _s.ConfigureAsync(null, ("schufa", "basisscore"), ("crif", "crif-score"));
        _s.Bureaus.Fails("schufa", "SCHUFA antwortete nicht innerhalb von 5 s");
        _s.Bureaus.Scores("crif", 650m);
        var id = await _s.PendingContractAsync("V-104");

        var check = await _s.RunAsync(id);

        check.Bureau.ShouldBe("crif");
        check.Failures.ShouldBe("SCHUFA: SCHUFA antwortete nicht innerhalb von 5 s");
        _s.Bureaus.Calls.Select(c => c.Bureau).ShouldBe(["schufa", "crif"]);
    }

    [Fact]
    public async Task When_no_bureau_answers_the_case_goes_to_manual_review_never_to_a_silent_accept_or_reject()
    {
        await _s.ConfigureAsync(null, ("schufa", "basisscore"), ("crif", "crif-score"));
        _s.Bureaus.Fails("schufa", "Serverfehler (500)");
        _s.Bureaus.Fails("crif", "Die Antwort war kein gültiges JSON");
        var id = await _s.PendingContractAsync("V-105");

        var check = await _s.RunAsync(id);

        check.Decision.ShouldBe(CreditDecision.ManualReview);
        check.HasAnswer.ShouldBeFalse();
        check.Reason.ShouldContain("Serverfehler (500)");
        check.Reason.ShouldContain("kein gültiges JSON");
        (await _s.ContractAsync(id)).Status.ShouldBe(ContractStatus.CreditCheckManualReview);
        (await _s.ReviewsAsync(id)).ShouldHaveSingleItem().Origin.ShouldBe(CreditReviewOrigin.BureauUnavailable);
    }

    [Fact]
    public async Task Without_a_route_for_country_and_customer_type_the_case_goes_to_manual_review()
    {
        await _s.ConfigureAsync();
        var id = await _s.PendingContractAsync("V-106");

        var check = await _s.RunAsync(id);

        check.Decision.ShouldBe(CreditDecision.ManualReview);
        check.Reason.ShouldContain("keine Auskunftei eingerichtet");
        _s.Bureaus.Calls.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(3499, CreditCheckDepth.Full)]
    [InlineData(3500, CreditCheckDepth.Full)]
    [InlineData(3501, CreditCheckDepth.NegativeFeaturesOnly)]
    public async Task Depth_switches_to_the_full_check_at_the_consumption_threshold(int threshold, CreditCheckDepth expected)
    {
        // The test contract forecasts 3,500 kWh.
        await _s.ConfigureAsync(s => s.FullCheckFromKwh = threshold, ("schufa", "basisscore"));
        _s.Bureaus.Scores("schufa", 97m);
        var id = await _s.PendingContractAsync("V-107");

        var check = await _s.RunAsync(id);

        _s.Bureaus.Calls.ShouldHaveSingleItem().Request.Depth.ShouldBe(expected);
        check.Depth.ShouldBe((int)expected);
    }

    [Fact]
    public async Task A_second_check_of_the_same_person_within_the_reuse_period_reuses_the_answer_and_says_so()
    {
        await _s.ConfigureAsync(s => s.ReuseDays = 30, ("schufa", "basisscore"));
        _s.Bureaus.Scores("schufa", 97m);
        var first = await _s.RunAsync(await _s.PendingContractAsync("V-108"));

        _s.Clock.Now = _s.Clock.Now.AddDays(29);
        var secondId = await _s.PendingContractAsync("V-109");
        var second = await _s.RunAsync(secondId);

        _s.Bureaus.Calls.Count.ShouldBe(1);
        second.ReusedFromCheckId.ShouldBe(first.Id);
        second.ResponseHash.ShouldBe(first.ResponseHash);
        second.Decision.ShouldBe(CreditDecision.AutoAccept);
        (await _s.ContractAsync(secondId)).History.OrderBy(h => h.At).Last().Reason!.ShouldContain("wiederverwendete Auskunft");
    }

    [Fact]
    public async Task After_the_reuse_period_or_for_another_person_the_bureau_is_asked_again()
    {
        await _s.ConfigureAsync(s => s.ReuseDays = 30, ("schufa", "basisscore"));
        _s.Bureaus.Scores("schufa", 97m);
        await _s.RunAsync(await _s.PendingContractAsync("V-110"));

        await _s.RunAsync(await _s.PendingContractAsync("V-111", "Anders"));
        _s.Clock.Now = _s.Clock.Now.AddDays(31);
        var late = await _s.RunAsync(await _s.PendingContractAsync("V-112"));

        _s.Bureaus.Calls.Count.ShouldBe(3);
        late.ReusedFromCheckId.ShouldBeNull();
    }

    [Fact]
    public async Task A_negative_features_only_answer_is_not_reused_for_a_full_check()
    {
        await _s.ConfigureAsync(s => { s.ReuseDays = 30; s.FullCheckFromKwh = 10_000; }, ("schufa", "basisscore"));
        _s.Bureaus.Scores("schufa", null);
        await _s.RunAsync(await _s.PendingContractAsync("V-113"));
        await _s.ConfigureAsync(s => s.FullCheckFromKwh = 1_000);
        _s.Bureaus.Scores("schufa", 97m);

        var full = await _s.RunAsync(await _s.PendingContractAsync("V-114"));

        _s.Bureaus.Calls.Count.ShouldBe(2);
        full.ReusedFromCheckId.ShouldBeNull();
        full.RawScore.ShouldBe(97m);
    }

    [Fact]
    public async Task A_contract_that_is_not_pending_is_refused_with_its_status()
    {
        await _s.ConfigureAsync(null, ("schufa", "basisscore"));
        _s.Bureaus.Scores("schufa", 97m);
        var id = await _s.PendingContractAsync("V-115");
        await _s.RunAsync(id);

        var ex = await Should.ThrowAsync<DomainException>(() => _s.RunAsync(id));
        ex.Message.ShouldContain("Bonitätsprüfung bestanden");
        _s.Bureaus.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Below_the_threshold_an_answer_without_negative_features_accepts_and_one_with_them_follows_its_rule()
    {
        await _s.ConfigureAsync(s => s.FullCheckFromKwh = 10_000, ("schufa", "basisscore"));
        await _s.AddRulesAsync(ScoreRangeRule.NegativeFeatures(_s.BrandId, "schufa", "basisscore", CreditDecision.AutoReject));
        _s.Bureaus.Scores("schufa", null);
        var clean = await _s.RunAsync(await _s.PendingContractAsync("V-116"));
        clean.Decision.ShouldBe(CreditDecision.AutoAccept);
        clean.Reason.ShouldContain("Keine harten Negativmerkmale");

        _s.Bureaus.Scores("schufa", null, "INKASSO");
        var negative = await _s.RunAsync(await _s.PendingContractAsync("V-117", "Negativ"));
        negative.Decision.ShouldBe(CreditDecision.AutoReject);
        negative.NegativeFeatureCodes.ShouldBe(["INKASSO"]);
    }
}
