namespace Joules.Core.Domain.Credit;

/// <summary>The range and direction of one bureau product's score (domain.md §5.1). Scales differ in both, so
/// decisions are never made on a raw number without its scale.</summary>
/// <param name="Min">Lowest score the product returns.</param>
/// <param name="Max">Highest score the product returns.</param>
/// <param name="HigherIsBetter">True if a higher score means a better payer.</param>
/// <param name="Decimals">Decimal places the bureau returns (Bürgel's ConCheck: one).</param>
public sealed record ScoreScale(decimal Min, decimal Max, bool HigherIsBetter, int Decimals = 0)
{
    /// <summary>True if <paramref name="score"/> lies within the scale.</summary>
    public bool Contains(decimal score) => score >= Min && score <= Max;

    /// <summary>True if <paramref name="a"/> is a better score than <paramref name="b"/>.</summary>
    public bool IsBetter(decimal a, decimal b) => HigherIsBetter ? a > b : a < b;
}

/// <summary>A product a bureau sells (a score type), with its scale and the kinds of subject it checks.</summary>
/// <param name="Id">Product id as used in rules and requests (e.g. "bonima").</param>
/// <param name="Name">Name shown in the UI.</param>
/// <param name="Scale">The score's scale.</param>
/// <param name="Persons">Checks consumers.</param>
/// <param name="Companies">Checks companies.</param>
public sealed record BureauProduct(string Id, string Name, ScoreScale Scale, bool Persons, bool Companies);

/// <summary>A credit bureau as the engine knows it: id, name, countries and products.</summary>
/// <param name="Id">Bureau id ("schufa", "creditreform", "boniversum", "buergel", "crif", "deltavista", "ksv1870").</param>
/// <param name="Name">Name shown in the UI.</param>
/// <param name="Countries">ISO countries the bureau covers ("DE", "AT").</param>
/// <param name="Products">The products it offers.</param>
public sealed record BureauDescriptor(string Id, string Name, IReadOnlyList<string> Countries, IReadOnlyList<BureauProduct> Products)
{
    /// <summary>The product with <paramref name="productId"/>, or null.</summary>
    public BureauProduct? Product(string productId) => Products.FirstOrDefault(p => p.Id == productId);
}

/// <summary>The seven bureaus the platform supports and their published scales (domain.md §5.1). Bureau plugins
/// describe themselves with these descriptors; the rule editor validates ranges against them.</summary>
public static class Bureaus
{
    public static readonly BureauDescriptor Schufa = new("schufa", "SCHUFA", ["DE"],
    [
        new("basisscore", "Basisscore (0–100 %)", new ScoreScale(0, 100, HigherIsBetter: true, Decimals: 1), Persons: true, Companies: false),
        new("score-2026", "SCHUFA-Score (100–999)", new ScoreScale(100, 999, HigherIsBetter: true), Persons: true, Companies: false),
    ]);

    public static readonly BureauDescriptor Creditreform = new("creditreform", "Creditreform", ["DE", "AT"],
        [new("bonitaetsindex", "Bonitätsindex (100–600)", new ScoreScale(100, 600, HigherIsBetter: false), Persons: false, Companies: true)]);

    public static readonly BureauDescriptor Boniversum = new("boniversum", "Creditreform Boniversum", ["DE"],
        [new("bonima", "BONIMA (1–1.079)", new ScoreScale(1, 1079, HigherIsBetter: true), Persons: true, Companies: false)]);

    public static readonly BureauDescriptor Buergel = new("buergel", "CRIF Bürgel", ["DE"],
        [new("concheck", "ConCheck (1,0–6,0)", new ScoreScale(1.0m, 6.0m, HigherIsBetter: false, Decimals: 1), Persons: true, Companies: false)]);

    public static readonly BureauDescriptor Crif = new("crif", "CRIF", ["DE", "AT"],
        [new("crif-score", "CRIF-Score (250–700)", new ScoreScale(250, 700, HigherIsBetter: true), Persons: true, Companies: true)]);

    public static readonly BureauDescriptor Deltavista = new("deltavista", "Deltavista", ["DE", "AT"],
        [new("deltavista-score", "Deltavista-Score (250–700)", new ScoreScale(250, 700, HigherIsBetter: true), Persons: true, Companies: true)]);

    public static readonly BureauDescriptor Ksv1870 = new("ksv1870", "KSV1870", ["AT"],
        [new("ksv-rating", "KSV1870 Rating (1–699, 700 = insolvent)", new ScoreScale(1, 700, HigherIsBetter: false), Persons: false, Companies: true)]);

    /// <summary>All seven.</summary>
    public static IReadOnlyList<BureauDescriptor> All { get; } = [Schufa, Creditreform, Boniversum, Buergel, Crif, Deltavista, Ksv1870];

    /// <summary>The bureau with <paramref name="id"/>, or null.</summary>
    public static BureauDescriptor? Find(string id) => All.FirstOrDefault(b => b.Id == id);
}
