namespace Joules.Simulators.Bureaus;

/// <summary>A closed score range of a simulated product, inclusive on both ends.</summary>
/// <param name="From">Lowest value.</param>
/// <param name="To">Highest value.</param>
public readonly record struct ScoreRange(decimal From, decimal To)
{
    /// <summary>Whether <paramref name="value"/> lies in the range.</summary>
    public bool Contains(decimal value) => value >= From && value <= To;
}

/// <summary>A named band of a scale (domain research §5.1), e.g. Boniversum 942–965 „gut“.</summary>
/// <param name="Range">The values of the band.</param>
/// <param name="Label">The band's label as returned in <c>scoreClass</c>.</param>
public sealed record ScoreBand(ScoreRange Range, string Label);

/// <summary>One score product of a simulated bureau with its scale and the ranges the simulator draws from.</summary>
/// <param name="Code">Product code in the request (<c>product</c>).</param>
/// <param name="Scale">The full scale.</param>
/// <param name="HigherIsBetter">Direction of the scale.</param>
/// <param name="Step">Resolution (1 or 0.1).</param>
/// <param name="Normal">Where persons without negative features land (derived from their data).</param>
/// <param name="Best">The best band (test person <c>Bestens</c>).</param>
/// <param name="Borderline">The middle band (test person <c>Grenzfall</c>).</param>
/// <param name="Negative">Where hard negative features put the score; null = no score, only a notice (Boniversum).</param>
/// <param name="Bands">Band labels for <c>scoreClass</c>; empty = the bureau publishes none (null).</param>
public sealed record BureauProduct(string Code, ScoreRange Scale, bool HigherIsBetter, decimal Step, ScoreRange Normal,
    ScoreRange Best, ScoreRange Borderline, ScoreRange? Negative, IReadOnlyList<ScoreBand> Bands)
{
    /// <summary>The band label of <paramref name="score"/>, or null when the product has no published bands.</summary>
    public string? ClassOf(decimal score) => Bands.FirstOrDefault(b => b.Range.Contains(score))?.Label;

    /// <summary>Where <paramref name="score"/> lies on the scale: 0 = worst end, 1 = best end.</summary>
    public double Quality(decimal score)
    {
        var position = (double)((score - Scale.From) / (Scale.To - Scale.From));
        return HigherIsBetter ? position : 1 - position;
    }
}

/// <summary>A simulated bureau: the countries it serves, the subjects it checks and its products.</summary>
/// <param name="Code">Path segment, e.g. <c>schufa</c>.</param>
/// <param name="Countries">Countries of the checked address (DE, AT).</param>
/// <param name="SubjectTypes"><c>person</c> and/or <c>company</c>.</param>
/// <param name="Products">The products; the first is the default in documentation.</param>
/// <param name="RequiresBirthDateAndSalutation">Person checks need birth date and salutation (Boniversum).</param>
public sealed record SimulatedBureau(string Code, IReadOnlyList<string> Countries, IReadOnlyList<string> SubjectTypes,
    IReadOnlyList<BureauProduct> Products, bool RequiresBirthDateAndSalutation = false)
{
    /// <summary>The product with <paramref name="code"/>, or null.</summary>
    public BureauProduct? Product(string? code) => Products.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The seven simulated bureaus and their scales (docs/credit-bureaus.md; domain research §5.1).</summary>
public static class BureauCatalogue
{
    private static ScoreRange R(decimal from, decimal to) => new(from, to);
    private static ScoreBand B(decimal from, decimal to, string label) => new(new ScoreRange(from, to), label);

    private static readonly string[] De = ["DE"], At = ["AT"], DeAt = ["DE", "AT"];
    private static readonly string[] Persons = ["person"], Companies = ["company"], Both = ["person", "company"];

    /// <summary>SCHUFA Basisscore, 0–100 (probability of paying in %), higher = better, one decimal.</summary>
    public static readonly BureauProduct SchufaBasisscore = new("basisscore", R(0, 100), true, 0.1m,
        Normal: R(80.0m, 99.9m), Best: R(97.6m, 99.9m), Borderline: R(90.0m, 95.0m), Negative: R(10.0m, 49.9m),
        [B(97.6m, 100m, "sehr geringes Risiko"), B(95.0m, 97.5m, "geringes Risiko"), B(90.0m, 94.9m, "zufriedenstellendes bis erhöhtes Risiko"),
         B(80.0m, 89.9m, "deutlich erhöhtes bis hohes Risiko"), B(50.0m, 79.9m, "sehr hohes Risiko"), B(0m, 49.9m, "kritisches Risiko")]);

    /// <summary>SCHUFA new score, 100–999, higher = better (no published bands).</summary>
    public static readonly BureauProduct SchufaScore2026 = new("score-2026", R(100, 999), true, 1,
        Normal: R(500, 999), Best: R(900, 999), Borderline: R(600, 699), Negative: R(100, 199), []);

    /// <summary>Creditreform Bonitätsindex (companies), 100–600, lower = better, 600 = hard negative features.</summary>
    public static readonly BureauProduct CreditreformIndex = new("bonitaetsindex", R(100, 600), false, 1,
        Normal: R(100, 349), Best: R(100, 149), Borderline: R(250, 299), Negative: R(600, 600),
        [B(100, 149, "ausgezeichnet"), B(150, 199, "sehr gut"), B(200, 249, "gut"), B(250, 299, "mittel"), B(300, 349, "schwach"),
         B(350, 499, "sehr schwach"), B(500, 599, "massive Zahlungsverzüge"), B(600, 600, "harte Negativmerkmale")]);

    /// <summary>Boniversum BONIMA (consumers), 1–1,079, higher = better; no score with hard negative features.</summary>
    public static readonly BureauProduct Bonima = new("bonima", R(1, 1079), true, 1,
        Normal: R(850, 1079), Best: R(994, 1079), Borderline: R(904, 941), Negative: null,
        [B(1, 903, "ausbaufähig"), B(904, 941, "durchschnittlich"), B(942, 965, "gut"), B(966, 993, "sehr gut"), B(994, 1079, "ausgezeichnet")]);

    /// <summary>CRIF Bürgel ConCheck (consumers), 1.0–6.0, lower = better; 3.0–6.0 only with negative features.</summary>
    public static readonly BureauProduct ConCheck = new("concheck", R(1.0m, 6.0m), false, 0.1m,
        Normal: R(1.0m, 2.9m), Best: R(1.0m, 1.4m), Borderline: R(2.1m, 2.9m), Negative: R(3.0m, 6.0m), []);

    /// <summary>CRIF score, 250–700, higher = better.</summary>
    public static readonly BureauProduct CrifScore = new("crif-score", R(250, 700), true, 1,
        Normal: R(400, 700), Best: R(650, 700), Borderline: R(500, 560), Negative: R(250, 299), []);

    /// <summary>Deltavista score, 250–700, higher = better.</summary>
    public static readonly BureauProduct DeltavistaScore = CrifScore with { Code = "deltavista-score" };

    /// <summary>KSV1870 Rating (companies), 1–699, lower = better, 700 = insolvency.</summary>
    public static readonly BureauProduct KsvRating = new("ksv-rating", R(1, 700), false, 1,
        Normal: R(100, 599), Best: R(100, 199), Borderline: R(400, 499), Negative: R(700, 700),
        [B(1, 199, "kein Risiko"), B(200, 299, "sehr geringes Risiko"), B(300, 399, "geringes Risiko"), B(400, 499, "erhöhtes Risiko"),
         B(500, 599, "hohes Risiko"), B(600, 699, "sehr hohes Risiko"), B(700, 700, "insolvent")]);

    /// <summary>All seven bureaus by path code.</summary>
    public static readonly IReadOnlyList<SimulatedBureau> All =
    [
        new("schufa", De, Persons, [SchufaBasisscore, SchufaScore2026]),
        new("creditreform", DeAt, Companies, [CreditreformIndex]),
        new("boniversum", De, Persons, [Bonima], RequiresBirthDateAndSalutation: true),
        new("buergel", De, Persons, [ConCheck]),
        new("crif", DeAt, Both, [CrifScore]),
        new("deltavista", DeAt, Both, [DeltavistaScore]),
        new("ksv1870", At, Companies, [KsvRating]),
    ];

    /// <summary>The bureau with path code <paramref name="code"/>, or null.</summary>
    public static SimulatedBureau? Find(string? code) => All.FirstOrDefault(b => string.Equals(b.Code, code, StringComparison.OrdinalIgnoreCase));
}
