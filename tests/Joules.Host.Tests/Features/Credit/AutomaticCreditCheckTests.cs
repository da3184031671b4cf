using System.Globalization;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Tests.Features.Credit;

/// <summary>The real host: a contract entering "credit check pending" is checked by the worker against the bureau simulator
/// and moved on by the brand's rules; a bureau outage never ends in a silent accept.</summary>
public sealed class AutomaticCreditCheckTests : IAsyncLifetime
{
    private CreditHost _host = null!;

    public async Task InitializeAsync()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _host = await CreditHost.StartAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_borderline_score_lands_in_manual_review_with_a_case_in_the_queue()
    {
        var (id, _) = await _host.PendingContractAsync("Grenzfall");

        var contract = await _host.CheckedAsync(id);

        contract.Status.ShouldBe(ContractStatus.CreditCheckManualReview);
        var check = await _host.QueryAsync(db => db.CreditChecks.SingleAsync(c => c.ContractId == id));
        check.Trigger.ShouldBe("auto");
        check.Bureau.ShouldBe("schufa");
        check.RawScore.ShouldNotBeNull().ShouldBeInRange(90m, 95m);
        check.Decision.ShouldBe(CreditDecision.ManualReview);
        var review = await _host.QueryAsync(db => db.CreditReviews.SingleAsync(r => r.ContractId == id));
        review.Origin.ShouldBe(CreditReviewOrigin.Rules);
        review.IsOpen.ShouldBeTrue();
        contract.History.OrderByDescending(h => h.At).First().Reason.ShouldNotBeNull().ShouldContain("Manuelle Prüfung");
    }

    [Fact]
    public async Task A_good_score_passes()
    {
        var (id, _) = await _host.PendingContractAsync("Bestens");

        var contract = await _host.CheckedAsync(id);

        contract.Status.ShouldBe(ContractStatus.CreditCheckPassed);
        (await _host.QueryAsync(db => db.CreditReviews.CountAsync(r => r.ContractId == id))).ShouldBe(0);
        contract.History.OrderByDescending(h => h.At).First().Reason.ShouldNotBeNull().ShouldContain("Automatisch angenommen");
    }

    [Fact]
    public async Task A_bureau_outage_ends_in_manual_review_with_the_reason_never_in_a_silent_accept()
    {
        var (id, _) = await _host.PendingContractAsync("Serverfehler");

        var contract = await _host.CheckedAsync(id);

        contract.Status.ShouldBe(ContractStatus.CreditCheckManualReview);
        var check = await _host.QueryAsync(db => db.CreditChecks.SingleAsync(c => c.ContractId == id));
        check.HasAnswer.ShouldBeFalse();
        check.Failures.ShouldNotBeNull().ShouldContain("HTTP 500");
        var review = await _host.QueryAsync(db => db.CreditReviews.SingleAsync(r => r.ContractId == id));
        review.Origin.ShouldBe(CreditReviewOrigin.BureauUnavailable);
        var reason = contract.History.OrderByDescending(h => h.At).First().Reason.ShouldNotBeNull();
        reason.ShouldContain("Keine Auskunftei hat geantwortet");
        reason.ShouldContain("HTTP 500");
    }
}
