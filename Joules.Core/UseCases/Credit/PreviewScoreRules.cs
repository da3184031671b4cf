using Joules.Core.Credit;
using Joules.Core.Data;
using Joules.Core.Domain.Credit;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Credit;

/// <summary>How many checks got each decision.</summary>
public readonly record struct DecisionCounts(int Accepted, int Manual, int Rejected, int Prepayment)
{
    /// <summary>All four added up.</summary>
    public int Total => Accepted + Manual + Rejected + Prepayment;

    internal static DecisionCounts From(int[] c) => new(c[(int)CreditDecision.AutoAccept], c[(int)CreditDecision.ManualReview],
        c[(int)CreditDecision.AutoReject], c[(int)CreditDecision.AcceptWithPrepayment]);
}

/// <summary>A check whose decision the draft rules would change.</summary>
public sealed record ScoreRulePreviewCase(Guid CheckId, string ContractNumber, DateTimeOffset RequestedAt, string Bureau, string Product,
    decimal? Score, IReadOnlyList<string> NegativeFeatures, CreditDecision Before, CreditDecision After);

/// <summary>What a draft rule set would have decided for the brand's recent checks, next to what the saved rules decide.</summary>
/// <param name="Checks">Number of checks looked at.</param>
/// <param name="Now">Decisions with the saved rules.</param>
/// <param name="Draft">Decisions with the draft.</param>
/// <param name="Changed">Number of checks whose decision differs.</param>
/// <param name="Cases">The changed checks, newest first, at most the cap asked for.</param>
public sealed record ScoreRulePreview(int Checks, DecisionCounts Now, DecisionCounts Draft, int Changed, IReadOnlyList<ScoreRulePreviewCase> Cases);

/// <summary>The brand's recent answered checks, loaded once, with their decisions under the saved rules. The rule
/// editor re-decides them in memory for every draft (<see cref="PreviewScoreRules.Compute"/>).</summary>
public sealed class ScoreRulePreviewSample
{
    internal ScoreRulePreviewSample(Guid brandId, Item[] items, int[] nowCounts)
    {
        BrandId = brandId;
        ItemsArray = items;
        NowCounts = nowCounts;
    }

    internal sealed record Item(Guid CheckId, string ContractNumber, DateTimeOffset RequestedAt, BureauResult Answer,
        CreditCheckContext Context, CreditCheckDepth Depth, CreditDecision Now);

    /// <summary>The brand.</summary>
    public Guid BrandId { get; }

    /// <summary>Number of checks in the sample.</summary>
    public int Count => ItemsArray.Length;

    /// <summary>The bureau products answering in the sample with their number of checks, most frequent first.</summary>
    public IReadOnlyList<(string Bureau, string Product, int Checks)> Products =>
        ItemsArray.GroupBy(i => (i.Answer.Bureau, i.Answer.Product)).Select(g => (g.Key.Bureau, g.Key.Product, g.Count()))
            .OrderByDescending(p => p.Item3).ToList();

    internal Item[] ItemsArray { get; }
    internal int[] NowCounts { get; }
}

/// <summary>Live preview of the score rule editor: for a brand's last <see cref="SampleSize"/> checks with a bureau
/// answer, the decisions under the saved rules against those under a draft rule set (the edited list, not saved),
/// the number of changed decisions and the changed cases. The checks are loaded once (<see cref="LoadAsync"/>); each
/// draft is decided in memory with <see cref="CreditDecisionEngine.Decide"/>, rules looked up by bureau and product.</summary>
public sealed class PreviewScoreRules(JoulesDbContext db)
{
    /// <summary>How many recent checks the preview looks at.</summary>
    public const int SampleSize = 1000;

    /// <summary>Loads the brand's last <see cref="SampleSize"/> answered checks and decides them with the saved rules.</summary>
    public async Task<ScoreRulePreviewSample> LoadAsync(Guid brandId, CancellationToken ct = default)
    {
        CreditBrandAccess.Require(db, brandId);
        var rows = await (
            from c in db.CreditChecks.AsNoTracking()
            where c.BrandId == brandId && c.ResponseHash != null && c.Bureau != null && c.Product != null
            orderby c.RequestedAt descending
            select new
            {
                c.Id, c.ContractId, c.RequestedAt, c.Bureau, c.Product, c.RawScore, c.RawClass, c.NegativeFeatures, c.ProbabilityOfDefault,
                c.BureauRequestedAt, c.ResponseHash, c.Commodity, c.CustomerType, c.Channel, c.Depth,
            }).Take(SampleSize).ToListAsync(ct);
        var contractIds = rows.Select(r => r.ContractId).Distinct().ToList();
        var numbers = await db.Contracts.AsNoTracking().Where(c => contractIds.Contains(c.Id))
            .Select(c => new { c.Id, c.ContractNumber }).ToDictionaryAsync(c => c.Id, c => c.ContractNumber, ct);
        var saved = await db.ScoreRangeRules.AsNoTracking().Where(r => r.BrandId == brandId).ToListAsync(ct);
        var byProduct = Index(saved);

        var counts = new int[4];
        var items = new ScoreRulePreviewSample.Item[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            IReadOnlyList<string> codes = r.NegativeFeatures.Length == 0 ? []
                : r.NegativeFeatures.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var answer = new BureauResult(r.Bureau!, r.Product!, r.RawScore, r.RawClass, codes, r.ProbabilityOfDefault,
                r.BureauRequestedAt ?? r.RequestedAt, r.ResponseHash!);
            var context = new CreditCheckContext(r.Commodity, r.CustomerType, r.Channel);
            var depth = (CreditCheckDepth)(r.Depth ?? (int)CreditCheckDepth.Full);
            var now = Decide(answer, context, depth, byProduct);
            counts[(int)now]++;
            items[i] = new(r.Id, numbers.GetValueOrDefault(r.ContractId, ""), r.RequestedAt, answer, context, depth, now);
        }
        return new ScoreRulePreviewSample(brandId, items, counts);
    }

    /// <summary>Decides the sample with <paramref name="draft"/> (the whole edited rule set) and compares with the saved
    /// rules. At most <paramref name="maxCases"/> changed cases are returned; <see cref="ScoreRulePreview.Changed"/> counts all.</summary>
    public static ScoreRulePreview Compute(ScoreRulePreviewSample sample, IEnumerable<ScoreRuleDraft> draft, int maxCases = 50)
    {
        var byProduct = Index(draft.Select(d => d.ToRule(sample.BrandId)));
        var counts = new int[4];
        var changed = 0;
        var cases = new List<ScoreRulePreviewCase>(Math.Min(maxCases, 64));
        foreach (var item in sample.ItemsArray)
        {
            var after = Decide(item.Answer, item.Context, item.Depth, byProduct);
            counts[(int)after]++;
            if (after == item.Now) continue;
            changed++;
            if (cases.Count < maxCases)
                cases.Add(new(item.CheckId, item.ContractNumber, item.RequestedAt, item.Answer.Bureau, item.Answer.Product,
                    item.Answer.RawScore, item.Answer.NegativeFeatureCodes, item.Now, after));
        }
        return new ScoreRulePreview(sample.Count, DecisionCounts.From(sample.NowCounts), DecisionCounts.From(counts), changed, cases);
    }

    private static readonly ScoreRangeRule[] NoRules = [];

    private static Dictionary<(string, string), ScoreRangeRule[]> Index(IEnumerable<ScoreRangeRule> rules) =>
        rules.GroupBy(r => (r.Bureau, r.Product)).ToDictionary(g => g.Key, g => g.ToArray());

    private static CreditDecision Decide(BureauResult answer, CreditCheckContext context, CreditCheckDepth depth,
        Dictionary<(string, string), ScoreRangeRule[]> byProduct) =>
        CreditDecisionEngine.Decide(answer, byProduct.GetValueOrDefault((answer.Bureau, answer.Product), NoRules), context, depth).Decision;
}
