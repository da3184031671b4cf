using System.Globalization;
using Joules.Core.Credit;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Shouldly;

namespace Joules.Core.Tests.Credit;

public sealed class CreditDecisionEngineTests
{
    private static readonly Guid Brand = Guid.NewGuid();
    private static readonly CreditCheckContext Household = new(Commodity.Electricity, CustomerType.Household, SalesChannel.Online);

    public CreditDecisionEngineTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    /// <summary>Three bands per bureau product, in the bureau's own direction: the good band accepts, the middle one goes
    /// to review, the bad one rejects (domain.md §5.1 example rules, extended to every bureau).</summary>
    public static TheoryData<string, string, decimal, decimal, decimal, decimal> Bands => new()
    {
        // bureau, product, min, acceptFrom/To boundary a, boundary b, max — see Rules()
        { "schufa", "basisscore", 0m, 90m, 95m, 100m },
        { "schufa", "score-2026", 100m, 600m, 800m, 999m },
        { "boniversum", "bonima", 1m, 904m, 942m, 1079m },
        { "crif", "crif-score", 250m, 500m, 650m, 700m },
        { "deltavista", "deltavista-score", 250m, 500m, 650m, 700m },
        // lower is better: accept at the low end
        { "buergel", "concheck", 1.0m, 2.1m, 3.0m, 6.0m },
        { "creditreform", "bonitaetsindex", 100m, 250m, 300m, 600m },
        { "ksv1870", "ksv-rating", 1m, 400m, 500m, 700m },
    };

    [Theory]
    [MemberData(nameof(Bands))]
    public void Each_bureau_scale_maps_to_the_right_decision_on_both_sides_of_every_boundary(string bureau, string product,
        decimal min, decimal a, decimal b, decimal max)
    {
        var scale = Bureaus.Find(bureau)!.Product(product)!.Scale;
        var step = scale.Decimals == 0 ? 1m : 0.1m;
        var rules = Rules(bureau, product, scale, min, a, b, max, step);

        if (scale.HigherIsBetter)
        {
            // [min, a-step] reject · [a, b-step] review · [b, max] accept
            Decide(bureau, product, min, rules).ShouldBe(CreditDecision.AutoReject);
            Decide(bureau, product, a - step, rules).ShouldBe(CreditDecision.AutoReject);
            Decide(bureau, product, a, rules).ShouldBe(CreditDecision.ManualReview);
            Decide(bureau, product, b - step, rules).ShouldBe(CreditDecision.ManualReview);
            Decide(bureau, product, b, rules).ShouldBe(CreditDecision.AutoAccept);
            Decide(bureau, product, max, rules).ShouldBe(CreditDecision.AutoAccept);
        }
        else
        {
            // [min, a-step] accept · [a, b-step] review · [b, max] reject
            Decide(bureau, product, min, rules).ShouldBe(CreditDecision.AutoAccept);
            Decide(bureau, product, a - step, rules).ShouldBe(CreditDecision.AutoAccept);
            Decide(bureau, product, a, rules).ShouldBe(CreditDecision.ManualReview);
            Decide(bureau, product, b - step, rules).ShouldBe(CreditDecision.ManualReview);
            Decide(bureau, product, b, rules).ShouldBe(CreditDecision.AutoReject);
            Decide(bureau, product, max, rules).ShouldBe(CreditDecision.AutoReject);
        }
    }

    [Fact]
    public void Direction_is_right_for_every_bureau()
    {
        var higherIsBetter = Bureaus.All.SelectMany(b => b.Products.Select(p => $"{b.Id}:{p.Scale.HigherIsBetter}")).Distinct().Order().ToList();

        higherIsBetter.ShouldBe(new[]
        {
            "boniversum:True", "buergel:False", "creditreform:False", "crif:True", "deltavista:True", "ksv1870:False", "schufa:True",
        }.Order().ToList());
        Bureaus.Buergel.Products[0].Scale.IsBetter(1.5m, 2.5m).ShouldBeTrue();
        Bureaus.Boniversum.Products[0].Scale.IsBetter(1000m, 900m).ShouldBeTrue();
        Bureaus.Ksv1870.Countries.ShouldBe(["AT"]);
        Bureaus.Creditreform.Countries.ShouldBe(["DE", "AT"]);
        Bureaus.Crif.Countries.ShouldBe(["DE", "AT"]);
    }

    [Fact]
    public void Negative_features_follow_their_rule_and_without_one_go_to_manual_review()
    {
        var rules = new List<ScoreRangeRule> { ScoreRangeRule.Range(Brand, "boniversum", "bonima", 1, 1079, CreditDecision.AutoAccept) };
        var result = Result("boniversum", "bonima", null, "INKASSO", "EV");

        var withoutRule = CreditDecisionEngine.Decide(result, rules, Household);
        withoutRule.Decision.ShouldBe(CreditDecision.ManualReview);
        withoutRule.Reason.ShouldContain("INKASSO, EV");

        rules.Add(ScoreRangeRule.NegativeFeatures(Brand, "boniversum", "bonima", CreditDecision.AcceptWithPrepayment));
        CreditDecisionEngine.Decide(result, rules, Household).Decision.ShouldBe(CreditDecision.AcceptWithPrepayment);
    }

    [Fact]
    public void No_score_a_score_outside_the_scale_and_a_gap_between_rules_go_to_manual_review_with_the_reason()
    {
        var rules = new[] { ScoreRangeRule.Range(Brand, "buergel", "concheck", 1.0m, 2.0m, CreditDecision.AutoAccept) };

        CreditDecisionEngine.Decide(Result("buergel", "concheck", null), rules, Household).Reason.ShouldContain("keinen Score");
        var outside = CreditDecisionEngine.Decide(Result("buergel", "concheck", 7.5m), rules, Household);
        outside.Decision.ShouldBe(CreditDecision.ManualReview);
        outside.Reason.ShouldContain("außerhalb der Skala");
        var gap = CreditDecisionEngine.Decide(Result("buergel", "concheck", 2.5m), rules, Household);
        gap.Decision.ShouldBe(CreditDecision.ManualReview);
        gap.Rule.ShouldBeNull();
    }

    [Fact]
    public void A_rule_for_the_commodity_and_channel_wins_over_the_general_one_and_equal_ranked_rules_that_disagree_go_to_review()
    {
        var general = ScoreRangeRule.Range(Brand, "schufa", "basisscore", 0, 100, CreditDecision.AutoAccept);
        var doorToDoorGas = ScoreRangeRule.Range(Brand, "schufa", "basisscore", 0, 97.4m, CreditDecision.ManualReview);
        doorToDoorGas.Commodity = Commodity.Gas;
        doorToDoorGas.Channel = SalesChannel.DoorToDoor;
        var rules = new[] { general, doorToDoorGas };

        CreditDecisionEngine.Decide(Result("schufa", "basisscore", 96m), rules, Household).Decision.ShouldBe(CreditDecision.AutoAccept);
        var gas = CreditDecisionEngine.Decide(Result("schufa", "basisscore", 96m), rules, new(Commodity.Gas, CustomerType.Household, SalesChannel.DoorToDoor));
        gas.Decision.ShouldBe(CreditDecision.ManualReview);
        gas.Rule.ShouldBe(doorToDoorGas);

        var conflicting = new[] { general, ScoreRangeRule.Range(Brand, "schufa", "basisscore", 90, 100, CreditDecision.AutoReject) };
        CreditDecisionEngine.Decide(Result("schufa", "basisscore", 96m), conflicting, Household).Reason.ShouldContain("widersprechen");
    }

    [Fact]
    public void Rules_outside_the_bureau_scale_or_upside_down_are_refused_naming_the_field()
    {
        var outside = ScoreRangeRule.Range(Brand, "buergel", "concheck", 1.0m, 7.0m, CreditDecision.AutoAccept);
        Should.Throw<DomainException>(outside.Validate).Field.ShouldBe("Max");
        var upsideDown = ScoreRangeRule.Range(Brand, "boniversum", "bonima", 950, 900, CreditDecision.AutoAccept);
        Should.Throw<DomainException>(upsideDown.Validate).Field.ShouldBe("Min");
        var unknown = ScoreRangeRule.Range(Brand, "ksv1870", "bonima", 1, 2, CreditDecision.AutoAccept);
        Should.Throw<DomainException>(unknown.Validate).Field.ShouldBe("Product");
        Should.NotThrow(ScoreRangeRule.Range(Brand, "ksv1870", "ksv-rating", 1, 399, CreditDecision.AutoAccept).Validate);
    }

    private static List<ScoreRangeRule> Rules(string bureau, string product, ScoreScale scale, decimal min, decimal a, decimal b, decimal max, decimal step)
    {
        var (low, high) = scale.HigherIsBetter ? (CreditDecision.AutoReject, CreditDecision.AutoAccept) : (CreditDecision.AutoAccept, CreditDecision.AutoReject);
        var rules = new List<ScoreRangeRule>
        {
            ScoreRangeRule.Range(Brand, bureau, product, min, a - step, low),
            ScoreRangeRule.Range(Brand, bureau, product, a, b - step, CreditDecision.ManualReview),
            ScoreRangeRule.Range(Brand, bureau, product, b, max, high),
        };
        foreach (var rule in rules) rule.Validate();
        return rules;
    }

    private static CreditDecision Decide(string bureau, string product, decimal score, IEnumerable<ScoreRangeRule> rules) =>
        CreditDecisionEngine.Decide(Result(bureau, product, score), rules, Household).Decision;

    private static BureauResult Result(string bureau, string product, decimal? score, params string[] negativeFeatures) =>
        new(bureau, product, score, null, negativeFeatures, null, DateTimeOffset.UtcNow, new string('0', 64));
}
