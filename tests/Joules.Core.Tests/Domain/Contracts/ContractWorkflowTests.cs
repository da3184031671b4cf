using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Tests.Infrastructure;

namespace Joules.Core.Tests.Domain.Contracts;

public class ContractWorkflowTests
{
    private static readonly DateTimeOffset OrderedAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<ContractStatus, ContractStatus> AllowedTransitions()
    {
        var data = new TheoryData<ContractStatus, ContractStatus>();
        foreach (var from in Enum.GetValues<ContractStatus>())
            foreach (var to in ContractWorkflow.AllowedFrom(from))
                data.Add(from, to);
        return data;
    }

    public static TheoryData<ContractStatus, ContractStatus> RefusedTransitions() => new()
    {
        { ContractStatus.Captured, ContractStatus.InSupply },
        { ContractStatus.Captured, ContractStatus.GridRegistrationSent },
        { ContractStatus.CreditCheckPending, ContractStatus.Confirmed },
        { ContractStatus.CreditCheckRejected, ContractStatus.CreditCheckPassed },
        { ContractStatus.QualityReviewPending, ContractStatus.Confirmed },
        { ContractStatus.Confirmed, ContractStatus.InSupply },
        { ContractStatus.InSupply, ContractStatus.Withdrawn },
        { ContractStatus.InSupply, ContractStatus.Captured },
        { ContractStatus.Withdrawn, ContractStatus.Captured },
        { ContractStatus.Cancelled, ContractStatus.Confirmed },
        { ContractStatus.Ended, ContractStatus.InSupply },
        { ContractStatus.Terminated, ContractStatus.InSupply },
    };

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void Every_allowed_transition_succeeds_and_writes_history(ContractStatus from, ContractStatus to)
    {
        var contract = ContractIn(from);
        var entries = contract.History.Count;

        contract.ChangeStatus(to, "clerk", "Begründung", at: OrderedAt.AddDays(3));

        contract.Status.ShouldBe(to);
        contract.History.Count.ShouldBe(entries + 1);
        var last = contract.History[^1];
        last.From.ShouldBe(from);
        last.To.ShouldBe(to);
        last.Actor.ShouldBe("clerk");
        last.Reason.ShouldBe("Begründung");
    }

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void Refused_transition_names_both_statuses(ContractStatus from, ContractStatus to)
    {
        var contract = ContractIn(from);
        var entries = contract.History.Count;

        var ex = Should.Throw<DomainException>(() => contract.ChangeStatus(to, "clerk", "Begründung", at: OrderedAt.AddDays(3)));

        ex.Message.ShouldContain(ContractStatusText.Label(from));
        ex.Message.ShouldContain(ContractStatusText.Label(to));
        contract.Status.ShouldBe(from);
        contract.History.Count.ShouldBe(entries);
    }

    [Theory]
    [InlineData(ContractStatus.Captured, ContractStatus.NeedsClarification)]
    [InlineData(ContractStatus.Captured, ContractStatus.Cancelled)]
    [InlineData(ContractStatus.CreditCheckPending, ContractStatus.CreditCheckRejected)]
    [InlineData(ContractStatus.QualityReviewPending, ContractStatus.QualityReviewFailed)]
    [InlineData(ContractStatus.GridRegistrationSent, ContractStatus.GridRegistrationRejected)]
    [InlineData(ContractStatus.InSupply, ContractStatus.Terminated)]
    public void Reason_is_required_where_the_workflow_asks_for_one(ContractStatus from, ContractStatus to)
    {
        ContractWorkflow.RequiresReason(to).ShouldBeTrue();
        var contract = ContractIn(from);

        var ex = Should.Throw<DomainException>(() => contract.ChangeStatus(to, "clerk", "  ", at: OrderedAt.AddDays(3)));

        ex.Message.ShouldContain(ContractStatusText.Label(to));
        ex.Field.ShouldBe("Reason");
        contract.Status.ShouldBe(from);
    }

    [Fact]
    public void Transition_without_reason_requirement_needs_no_reason()
    {
        ContractWorkflow.RequiresReason(ContractStatus.CreditCheckPending).ShouldBeFalse();
        var contract = ContractIn(ContractStatus.Captured);
        contract.ChangeStatus(ContractStatus.CreditCheckPending, "clerk", null, at: OrderedAt.AddDays(1));
        contract.History[^1].Reason.ShouldBeNull();
    }

    [Fact]
    public void Withdrawal_within_14_days_is_accepted()
    {
        var contract = ContractIn(ContractStatus.Captured);
        contract.ChangeStatus(ContractStatus.Withdrawn, "clerk", "Kunde widerruft", at: OrderedAt.AddDays(14));
        contract.Status.ShouldBe(ContractStatus.Withdrawn);
    }

    [Fact]
    public void Withdrawal_after_14_days_is_refused()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("de-DE");
        var contract = ContractIn(ContractStatus.Captured);

        var ex = Should.Throw<DomainException>(() => contract.ChangeStatus(ContractStatus.Withdrawn, "clerk", "Kunde widerruft", at: OrderedAt.AddDays(20)));

        ex.Message.ShouldContain("Widerrufsfrist");
        contract.Status.ShouldBe(ContractStatus.Captured);
        contract.History.Count.ShouldBe(1);
    }

    [Fact]
    public void Final_statuses_allow_nothing()
    {
        foreach (var status in new[] { ContractStatus.Withdrawn, ContractStatus.Cancelled, ContractStatus.Ended })
        {
            ContractWorkflow.IsFinal(status).ShouldBeTrue();
            ContractIn(status).NextStatuses().ShouldBeEmpty();
        }
    }

    /// <summary>A contract walked to <paramref name="status"/> along the shortest allowed path.</summary>
    private static Contract ContractIn(ContractStatus status)
    {
        var brandId = Guid.CreateVersion7();
        var contract = new Contract(brandId, "V-1", Guid.CreateVersion7(), TestData.PowerTariff(brandId),
            new ContractDetails(TestData.Address(), "41373559241", null, 3500, new DateOnly(2026, 6, 1)), null, SalesChannel.Online, "test", at: OrderedAt);
        foreach (var step in PathTo(status))
            contract.ChangeStatus(step, "setup", "Vorbereitung", at: OrderedAt.AddDays(1));
        contract.Status.ShouldBe(status);
        return contract;
    }

    private static List<ContractStatus> PathTo(ContractStatus target)
    {
        var previous = new Dictionary<ContractStatus, ContractStatus>();
        var queue = new Queue<ContractStatus>([ContractStatus.Captured]);
        var seen = new HashSet<ContractStatus> { ContractStatus.Captured };
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var next in ContractWorkflow.AllowedFrom(current).Where(seen.Add))
            {
                previous[next] = current;
                queue.Enqueue(next);
            }
        }
        var path = new List<ContractStatus>();
        for (var s = target; s != ContractStatus.Captured; s = previous[s]) path.Insert(0, s);
        return path;
    }
}
