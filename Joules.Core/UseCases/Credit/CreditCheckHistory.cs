using System.Globalization;
using Joules.Core.Credit;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;

namespace Joules.Core.UseCases.Credit;

/// <summary>The status a decision moves a contract to, and the line written into the contract's history: bureau,
/// product, score or negative features, whether the answer was reused, the decision and its reason.</summary>
public static class CreditCheckHistory
{
    /// <summary>The target status and the history text for <paramref name="check"/> decided as <paramref name="outcome"/>.</summary>
    public static (ContractStatus To, string Text) Describe(CreditCheck check, CreditDecisionOutcome outcome)
    {
        var to = outcome.Decision switch
        {
            CreditDecision.AutoAccept or CreditDecision.AcceptWithPrepayment => ContractStatus.CreditCheckPassed,
            CreditDecision.AutoReject => ContractStatus.CreditCheckRejected,
            _ => ContractStatus.CreditCheckManualReview,
        };
        var source = check.Bureau is null ? CoreText.Get("Credit.History.NoAnswer")
            : $"{Bureaus.Find(check.Bureau)?.Name ?? check.Bureau} {Bureaus.Find(check.Bureau)?.Product(check.Product ?? "")?.Name ?? check.Product}";
        var reused = check.ReusedFromCheckId is null || check.BureauRequestedAt is not { } at ? ""
            : " " + CoreText.Format("Credit.History.Reused", at.ToLocalTime().ToString("d", CultureInfo.CurrentCulture));
        var text = CoreText.Format("Credit.History.Line", source + reused, DecisionText.Label(outcome.Decision), outcome.Reason);
        return (to, text.Length > 1000 ? text[..1000] : text);
    }
}

/// <summary>Localised labels of credit decisions and review outcomes.</summary>
public static class DecisionText
{
    /// <summary>"Automatisch angenommen", "Manuelle Prüfung", …</summary>
    public static string Label(CreditDecision decision) => CoreText.Get("Credit.Decision." + decision);

    /// <summary>"Angenommen", "Angenommen mit Vorauszahlung/Kaution", "Abgelehnt".</summary>
    public static string Label(CreditReviewOutcome outcome) => CoreText.Get("Credit.Outcome." + outcome);

    /// <summary>"Regelentscheidung", "Auskunftei nicht erreichbar", "Widerspruch".</summary>
    public static string Label(CreditReviewOrigin origin) => CoreText.Get("Credit.Origin." + origin);
}
