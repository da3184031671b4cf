using Bogus;
using Joules.Core.Domain.Contracts;
using static Joules.Core.Domain.Contracts.ContractStatus;

namespace Joules.Host.Features.Demo;

/// <summary>One planned status change of a demo contract.</summary>
internal sealed record DemoStep(ContractStatus To, DateTimeOffset At, string Actor, string Source, string? Reason);

/// <summary>Plans a realistic status history that ends in a chosen status: the usual path through credit check,
/// quality review, termination at the previous supplier and grid registration, with occasional detours.
/// Every step is one the <see cref="ContractWorkflow"/> allows; the contract itself checks it again when applied.</summary>
internal static class DemoStatusWalk
{
    /// <summary>Relative frequency of the final status (sums to 100).</summary>
    public static readonly (ContractStatus Status, float Weight)[] Distribution =
    [
        (Captured, 4), (NeedsClarification, 2.5f), (CreditCheckPending, 1.5f), (CreditCheckPassed, 1.5f),
        (CreditCheckManualReview, 1.5f), (CreditCheckRejected, 2), (QualityReviewPending, 2), (QualityReviewPassed, 1),
        (QualityReviewFailed, 1), (Confirmed, 2.5f), (PowerOfAttorneyReceived, 1), (PreviousSupplierTerminationSent, 3),
        (PreviousSupplierTerminationConfirmed, 2), (PreviousSupplierTerminationRejected, 1), (GridRegistrationSent, 2.5f),
        (GridRegistrationConfirmed, 2.5f), (GridRegistrationRejected, 1), (InSupply, 48), (Withdrawn, 4), (Cancelled, 4),
        (Terminated, 3), (Ended, 8),
    ];

    private static readonly ContractStatus[] WithdrawnAfter = [Captured, CreditCheckPending, CreditCheckPassed, Confirmed];
    private static readonly ContractStatus[] CancelledAfter =
        [Captured, NeedsClarification, CreditCheckRejected, QualityReviewFailed, Confirmed, PreviousSupplierTerminationRejected, GridRegistrationRejected];

    /// <summary>The statuses visited after <see cref="ContractStatus.Captured"/>, ending in <paramref name="target"/>.</summary>
    public static List<ContractStatus> PathTo(ContractStatus target, Randomizer r)
    {
        switch (target)
        {
            case Withdrawn:
                return [.. PathTo(r.ArrayElement(WithdrawnAfter), r, detours: false), Withdrawn];
            case Cancelled:
                return [.. PathTo(r.ArrayElement(CancelledAfter), r, detours: true), Cancelled];
            default:
                return PathTo(target, r, detours: true);
        }
    }

    private static List<ContractStatus> PathTo(ContractStatus target, Randomizer r, bool detours)
    {
        var path = new List<ContractStatus>();
        bool Reached(ContractStatus s) { path.Add(s); return s == target; }
        bool Detour(ContractStatus s, float chance) => target == s || detours && r.Bool(chance);

        if (target == Captured)
        {
            if (detours && r.Bool(0.2f)) path.AddRange([NeedsClarification, Captured]);
            return path;
        }
        if (Detour(NeedsClarification, 0.08f) && Reached(NeedsClarification)) return path;
        if (Reached(CreditCheckPending)) return path;
        if (target == CreditCheckRejected)
        {
            if (r.Bool(0.3f)) path.Add(CreditCheckManualReview);
            path.Add(CreditCheckRejected);
            return path;
        }
        if (detours && r.Bool(0.03f)) path.Add(CreditCheckRejected); // contested, then reviewed by a person
        if ((Detour(CreditCheckManualReview, 0.1f) || path[^1] == CreditCheckRejected) && Reached(CreditCheckManualReview)) return path;
        if (Reached(CreditCheckPassed)) return path;
        if (target is QualityReviewPending or QualityReviewPassed or QualityReviewFailed || detours && r.Bool(0.4f))
        {
            if (Reached(QualityReviewPending)) return path;
            if (Detour(QualityReviewFailed, 0.08f))
            {
                if (Reached(QualityReviewFailed)) return path;
                path.Add(QualityReviewPending);
            }
            if (Reached(QualityReviewPassed)) return path;
        }
        if (Reached(Confirmed)) return path;
        if (Detour(PowerOfAttorneyReceived, 0.3f) && Reached(PowerOfAttorneyReceived)) return path;
        // Move-ins need no termination at a previous supplier.
        if (target is PreviousSupplierTerminationSent or PreviousSupplierTerminationConfirmed or PreviousSupplierTerminationRejected || r.Bool(0.85f))
        {
            if (Reached(PreviousSupplierTerminationSent)) return path;
            if (Detour(PreviousSupplierTerminationRejected, 0.06f))
            {
                if (Reached(PreviousSupplierTerminationRejected)) return path;
                path.Add(PreviousSupplierTerminationSent);
            }
            if (Reached(PreviousSupplierTerminationConfirmed)) return path;
        }
        if (Reached(GridRegistrationSent)) return path;
        if (Detour(GridRegistrationRejected, 0.05f))
        {
            if (Reached(GridRegistrationRejected)) return path;
            path.Add(GridRegistrationSent);
        }
        if (Reached(GridRegistrationConfirmed)) return path;
        if (Reached(InSupply)) return path;
        if (target == Terminated || r.Bool(0.5f))
        {
            if (Reached(Terminated)) return path;
        }
        path.Add(Ended);
        return path;
    }

    /// <summary>Gives each status of <paramref name="path"/> a time after <paramref name="orderedAt"/>, an actor and a
    /// reason where the workflow needs one. Times strictly increase.</summary>
    public static List<DemoStep> Schedule(IReadOnlyList<ContractStatus> path, DateTimeOffset orderedAt, Randomizer r)
    {
        var steps = new List<DemoStep>(path.Count);
        var at = orderedAt;
        var previous = Captured;
        foreach (var to in path)
        {
            var (gap, actor, source) = Gap(previous, to, r);
            at += gap;
            if (to == Withdrawn && at > orderedAt.AddDays(13)) at = steps.Count == 0 ? orderedAt.AddDays(r.Int(1, 12)) : steps[^1].At.AddHours(r.Int(1, 12));
            string? reason = ContractWorkflow.RequiresReason(to) ? r.ArrayElement(Reasons(to)) : null;
            steps.Add(new DemoStep(to, at, actor, source, reason));
            previous = to;
        }
        return steps;
    }

    private static (TimeSpan Gap, string Actor, string Source) Gap(ContractStatus from, ContractStatus to, Randomizer r)
    {
        TimeSpan Minutes(int min, int max) => TimeSpan.FromMinutes(r.Int(min, max));
        TimeSpan Hours(int min, int max) => TimeSpan.FromMinutes(r.Int(min * 60, max * 60));
        TimeSpan Days(int min, int max) => TimeSpan.FromMinutes(r.Int(min * 1440, max * 1440));
        const string Clerk = "staff", Reviewer = "reviewer", Ui = "ui";
        const string CreditJob = "system:credit-check", Market = "system:market-communication", Job = "system";
        return to switch
        {
            NeedsClarification => (Hours(2, 72), Clerk, Ui),
            Captured => (Days(1, 6), Clerk, Ui),
            CreditCheckPending => (Minutes(5, 240), CreditJob, Job),
            CreditCheckPassed when from == CreditCheckManualReview => (Days(1, 3), Clerk, Ui),
            CreditCheckPassed => (Minutes(1, 30), CreditJob, Job),
            CreditCheckManualReview when from == CreditCheckRejected => (Days(2, 6), Clerk, Ui),
            CreditCheckManualReview => (Minutes(1, 30), CreditJob, Job),
            CreditCheckRejected when from == CreditCheckManualReview => (Days(1, 3), Clerk, Ui),
            CreditCheckRejected => (Minutes(1, 30), CreditJob, Job),
            QualityReviewPending => (Minutes(10, 600), Job, Job),
            QualityReviewPassed or QualityReviewFailed => (Hours(4, 72), Reviewer, Ui),
            Confirmed => (Hours(1, 30), Clerk, Ui),
            PowerOfAttorneyReceived => (Days(1, 8), Clerk, Ui),
            PreviousSupplierTerminationSent => (Hours(12, 72), Market, Job),
            PreviousSupplierTerminationConfirmed or PreviousSupplierTerminationRejected => (Days(2, 10), Market, Job),
            GridRegistrationSent => (Hours(12, 72), Market, Job),
            GridRegistrationConfirmed or GridRegistrationRejected => (Days(3, 14), Market, Job),
            InSupply => (Days(10, 45), Market, Job),
            Terminated => (Days(60, 270), Clerk, Ui),
            Ended when from == Terminated => (Days(28, 90), Market, Job),
            Ended => (Days(90, 360), Market, Job),
            Withdrawn => (Hours(6, 96), Clerk, Ui),
            Cancelled => (Days(1, 20), Clerk, Ui),
            _ => (Hours(1, 24), Clerk, Ui),
        };
    }

    private static string[] Reasons(ContractStatus to) => to switch
    {
        NeedsClarification => DemoCatalog.ClarificationReasons,
        CreditCheckRejected => DemoCatalog.CreditRejectReasons,
        QualityReviewFailed => DemoCatalog.QualityFailReasons,
        PreviousSupplierTerminationRejected => DemoCatalog.TerminationRejectReasons,
        GridRegistrationRejected => DemoCatalog.GridRejectReasons,
        Withdrawn => DemoCatalog.WithdrawalReasons,
        Cancelled => DemoCatalog.CancelReasons,
        Terminated => DemoCatalog.TerminationReasons,
        _ => ["Demo"],
    };
}
