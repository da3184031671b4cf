using System.Security.Cryptography;
using System.Text;
using Joules.Core.Credit;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.UseCases.Credit;
using static Joules.Core.Domain.Contracts.ContractStatus;

namespace Joules.Host.Features.Demo;

/// <summary>Past credit checks and review cases that match the demo contracts' walked histories, so the review queue and
/// the rule preview show something on first start: every step out of "credit check pending" gets a check whose score
/// lies in the band of the decision taken; manual reviews get a case, decided when the contract moved on. Contracts
/// still pending are left to the real check (the worker asks the simulated bureaus after start).</summary>
internal static class DemoCreditHistory
{
    private static readonly string[] ReviewReasons =
    [
        "Einkommensnachweis liegt vor, Zahlungsfähigkeit gegeben",
        "Langjährige Kundin, bisher keine Zahlungsausfälle",
        "Mehrere offene Forderungen, Risiko zu hoch",
        "Vorauszahlung vereinbart, Lieferung möglich",
    ];

    public static (List<CreditCheck> Checks, List<CreditReview> Reviews) Build(DemoTenant tenant, IReadOnlyList<BureauRoute> routes,
        IReadOnlyList<ScoreRangeRule> rules, int seed)
    {
        var random = new Random(seed);
        var customers = tenant.Customers.ToDictionary(c => c.Customer.Id, c => c.Customer);
        var checks = new List<CreditCheck>();
        var reviews = new List<CreditReview>();
        foreach (var contract in tenant.Contracts)
        {
            var customer = customers[contract.CustomerId];
            var route = routes.Where(r => r.Country == customer.PostalAddress.Country && r.CustomerType == customer.Type).MinBy(r => r.Position);
            if (route is null) continue;
            var history = contract.History.OrderBy(h => h.At).ToList();
            CreditCheck? last = null;
            CreditReview? open = null;
            foreach (var step in history)
            {
                if (step.From == CreditCheckPending && step.To is CreditCheckPassed or CreditCheckManualReview or CreditCheckRejected)
                {
                    last = Check(contract, customer, route, rules, step, random);
                    checks.Add(last);
                    if (step.To == CreditCheckManualReview)
                        reviews.Add(open = CreditReview.Open(last, CreditReviewOrigin.Rules, "system:credit-check", null, step.At));
                }
                else if (step.From == CreditCheckRejected && step.To == CreditCheckManualReview && last is not null)
                {
                    reviews.Add(open = CreditReview.Open(last, CreditReviewOrigin.Contested, step.Actor, "Kunde hat der Ablehnung widersprochen", step.At));
                }
                else if (step.From == CreditCheckManualReview && step.To is CreditCheckPassed or CreditCheckRejected && open is not null)
                {
                    var outcome = step.To == CreditCheckRejected ? CreditReviewOutcome.Rejected : CreditReviewOutcome.Accepted;
                    var reason = outcome == CreditReviewOutcome.Rejected ? ReviewReasons[2] : ReviewReasons[random.Next(2)];
                    open.Decide(outcome, reason, step.Actor, step.At);
                    open = null;
                }
            }
        }
        return (checks, reviews);
    }

    private static CreditCheck Check(Contract contract, Customer customer, BureauRoute route, IReadOnlyList<ScoreRangeRule> rules,
        ContractStatusEvent step, Random random)
    {
        var wanted = step.To switch
        {
            CreditCheckPassed => random.NextDouble() < 0.15 && DemoCreditRules.ScoreFor(route.Bureau, route.Product, CreditDecision.AcceptWithPrepayment, 0.5) is not null
                ? CreditDecision.AcceptWithPrepayment : CreditDecision.AutoAccept,
            CreditCheckRejected => CreditDecision.AutoReject,
            _ => CreditDecision.ManualReview,
        };
        var negative = wanted == CreditDecision.AutoReject && random.NextDouble() < 0.4;
        var score = negative ? null : DemoCreditRules.ScoreFor(route.Bureau, route.Product, wanted, random.NextDouble());
        string[] features = negative || (wanted == CreditDecision.AutoReject && score is null) ? ["INKASSO"] : [];
        var context = new CreditCheckContext(contract.Commodity, customer.Type, contract.Channel);
        var askedAt = step.At.AddMinutes(-1);
        var check = CreditCheck.Start(contract.BrandId, contract.Id, customer.Id, CreditSubjects.Key(CreditSubjects.From(customer)), context,
            "system:credit-check", "auto", askedAt);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"demo|{contract.Id}|{step.At:O}")));
        var answer = new BureauResult(route.Bureau, route.Product, score, null, features, null, askedAt, hash);
        check.RecordAnswer(answer, (int)CreditCheckDepth.Full);
        var outcome = CreditDecisionEngine.Decide(answer, rules, context);
        check.Decide(outcome.Decision, outcome.Rule?.Id, outcome.Reason, step.At);
        return check;
    }
}
