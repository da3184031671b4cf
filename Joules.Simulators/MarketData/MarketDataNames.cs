namespace Joules.Simulators.MarketData;

/// <summary>A large city of the data set: real name, a real-ish postal code range and how many codes of it the set holds.</summary>
/// <param name="Name">City name.</param>
/// <param name="From">First postal code of the range (always in the set).</param>
/// <param name="To">Last postal code of the range.</param>
/// <param name="Count">How many codes of the range the set holds (evenly spread), unless <paramref name="Codes"/> names them.</param>
/// <param name="Over500k">More than 500,000 inhabitants (concession class 4), otherwise 100,001–500,000 (class 3).</param>
/// <param name="Codes">The city's real postal codes (ascending, within the range), used instead of evenly spread ones; a city
/// with real codes keeps all of them in its own area, only the last one also lies in the regional operator's area.</param>
internal sealed record BigCity(string Name, int From, int To, int Count, bool Over500k, int[]? Codes = null)
{
    /// <summary>The postal codes the set holds for the city.</summary>
    public int[] Numbers()
    {
        if (Codes is not null) return Codes;
        var stride = (double)(To - From) / (Count - 1);
        return [.. Enumerable.Range(0, Count).Select(i => From + (int)Math.Round(i * stride))];
    }
}

/// <summary>A real postal code outside the large cities with its real town (e.g. around a demo brand's cities); it belongs to the
/// regional operator of its leading two digits.</summary>
/// <param name="Number">Postal code, five digits.</param>
/// <param name="Town">Real town name.</param>
/// <param name="ConcessionClass">KAV class of the town (1 up to 25,000 inhabitants, 2 up to 100,000).</param>
internal sealed record KnownPlace(int Number, string Town, int ConcessionClass);

/// <summary>Name material of the synthetic data set. Cities are real; every grid operator, supplier, provider, tariff and
/// every other place name is fictional (built from syllables).</summary>
internal static class MarketDataNames
{
    public static readonly BigCity[] Cities =
    [
        new("Berlin", 10115, 14199, 190, true),
        new("Hamburg", 20095, 22769, 100, true),
        new("München", 80331, 81929, 75, true),
        new("Köln", 50667, 51149, 45, true),
        new("Frankfurt am Main", 60306, 60599, 40, true),
        new("Stuttgart", 70173, 70629, 40, true),
        new("Düsseldorf", 40210, 40629, 35, true),
        new("Leipzig", 4103, 4357, 34, true),
        new("Dortmund", 44135, 44388, 30, true),
        new("Essen", 45127, 45359, 30, true),
        new("Bremen", 28195, 28779, 30, true),
        new("Dresden", 1067, 1328, 30, true),
        new("Hannover", 30159, 30669, 30, true),
        new("Nürnberg", 90402, 90491, 30, true),
        new("Duisburg", 47051, 47279, 26, true),
        new("Bochum", 44787, 44894, 18, false),
        new("Wuppertal", 42103, 42399, 20, false),
        new("Bielefeld", 33602, 33739, 18, false),
        new("Bonn", 53111, 53229, 16, false),
        new("Münster", 48143, 48167, 14, false),
        new("Mannheim", 68159, 68309, 16, false),
        new("Karlsruhe", 76131, 76229, 13, false, [76131, 76133, 76135, 76137, 76139, 76149, 76185, 76187, 76189, 76199, 76227, 76228, 76229]),
        new("Augsburg", 86150, 86199, 14, false),
        new("Wiesbaden", 65183, 65207, 14, false),
        new("Mönchengladbach", 41061, 41239, 14, false),
        new("Gelsenkirchen", 45879, 45899, 12, false),
        new("Aachen", 52062, 52080, 12, false),
        new("Braunschweig", 38100, 38126, 12, false),
        new("Kiel", 24103, 24159, 14, false),
        new("Chemnitz", 9111, 9247, 14, false),
        new("Halle (Saale)", 6108, 6132, 12, false),
        new("Magdeburg", 39104, 39130, 12, false),
        new("Freiburg im Breisgau", 79098, 79117, 12, false, [79098, 79100, 79102, 79104, 79106, 79108, 79110, 79111, 79112, 79114, 79115, 79117]),
        new("Krefeld", 47798, 47839, 12, false),
        new("Mainz", 55116, 55131, 10, false),
        new("Lübeck", 23552, 23570, 10, false),
        new("Erfurt", 99084, 99099, 10, false),
        new("Oberhausen", 46045, 46149, 12, false),
        new("Rostock", 18055, 18147, 12, false),
        new("Kassel", 34117, 34134, 10, false),
        new("Hagen", 58089, 58135, 10, false),
        new("Potsdam", 14467, 14482, 10, false),
        new("Saarbrücken", 66111, 66133, 10, false),
    ];

    /// <summary>Real towns around Freiburg, Karlsruhe and Offenburg (the demo brand Stadtwerke Sonnental supplies them), added
    /// after the synthetic towns; a synthetic code with the same number gives way.</summary>
    public static readonly KnownPlace[] KnownPlaces =
    [
        new(76275, "Ettlingen", 2), new(76287, "Rheinstetten", 1), new(76297, "Stutensee", 1),
        new(77652, "Offenburg", 2), new(77654, "Offenburg", 2), new(77656, "Offenburg", 2), new(77694, "Kehl", 2),
        new(77716, "Haslach im Kinzigtal", 1), new(77723, "Gengenbach", 1), new(77746, "Schutterwald", 1), new(77767, "Appenweier", 1),
        new(77770, "Durbach", 1), new(77799, "Ortenberg", 1),
        new(79189, "Bad Krozingen", 1), new(79194, "Gundelfingen", 1), new(79199, "Kirchzarten", 1), new(79211, "Denzlingen", 1),
        new(79224, "Umkirch", 1), new(79232, "March", 1), new(79249, "Merzhausen", 1), new(79252, "Stegen", 1),
    ];

    /// <summary>Leading two digits without ordinary addresses (00, 05, 11, 43, 62).</summary>
    public static readonly int[] UnusedRegions = [0, 5, 11, 43, 62];

    public static readonly string[] Stems =
    [
        "Alt", "Bern", "Birk", "Dorn", "Eck", "Fal", "Groß", "Hal", "Her", "Ilm", "Kirch", "Lang", "Lind", "Mar", "Mell", "Neu", "Ober",
        "Ost", "Reich", "Ros", "Sal", "Schön", "Stein", "Tann", "Unter", "Wald", "Weiß", "Will", "Zell", "Born", "Eichen", "Hohen",
        "Kalten", "Linden", "Mühl", "Rot", "Schwarz", "Sonnen", "Falken", "Wolfs", "Buch", "Erl", "Fried", "Gunt", "Hart", "Kron",
        "Lauter", "Moos", "Nieder", "Otter", "Rad", "Sieg", "Treb", "Ulm", "Vogel", "Wester",
    ];

    public static readonly string[] Middles = ["", "", "", "en", "ing", "s", "brunn", "bach", "stein", "eck", "wald", "", ""];

    public static readonly string[] Endings =
    [
        "dorf", "hausen", "heim", "feld", "bach", "burg", "stedt", "rode", "ow", "itz", "au", "ingen", "kirchen", "berg",
        "hagen", "walde", "beck", "leben", "weiler", "hofen",
    ];

    public static readonly string[] Rivers = ["Elbe", "Oder", "Saale", "Weser", "Ems", "Lahn", "Mosel", "Fulda", "Werra", "Ilm", "Aller", "Havel"];

    /// <summary>Landscape names for the regional operators (one per leading two digits, suffixed when repeated).</summary>
    public static readonly string[] Landscapes =
    [
        "Altmark", "Börde", "Eifel", "Harz", "Hunsrück", "Lausitz", "Prignitz", "Rhön", "Spessart", "Taunus", "Uckermark",
        "Vogelsberg", "Westerwald", "Wetterau", "Allgäu", "Chiemgau", "Hegau", "Kraichgau", "Ortenau", "Ostalb", "Hohenlohe",
        "Odenwald", "Pfalz", "Saargau", "Sauerland", "Siegerland", "Münsterland", "Emsland", "Ostfriesland", "Dithmarschen",
        "Angeln", "Holstein", "Lauenburg", "Mecklenburg", "Vorpommern", "Havelland", "Fläming", "Barnim", "Oderland",
        "Erzgebirge", "Vogtland", "Oberlausitz", "Eichsfeld", "Hainich", "Kyffhäuser", "Wendland", "Heide", "Weserbergland",
        "Solling", "Leinebergland", "Lippe", "Ravensberg", "Bergisches Land", "Niederrhein", "Vulkaneifel", "Nahe",
        "Rheinhessen", "Rheingau", "Knüll", "Schwalm", "Frankenwald", "Fichtelgebirge", "Steigerwald", "Altmühltal", "Rottal",
        "Hallertau", "Ries", "Baar", "Markgräflerland", "Kaiserstuhl", "Zabergäu", "Jagsttal", "Kochertal", "Tauber",
        "Elm", "Deister", "Ammerland", "Wesermarsch", "Jeverland", "Artland", "Hümmling", "Teutoburg", "Egge", "Diemel",
        "Waldeck", "Kellerwald", "Ederbergland", "Haßberge", "Grabfeld", "Saalfeld", "Orlagau", "Elster", "Mulde", "Spreewald",
        "Schorfheide", "Ruppin",
    ];

    public static readonly string[] RegionalOperatorForms = ["{0} Netz GmbH", "Netzgesellschaft {0} mbH", "Energienetze {0} AG", "Verteilnetz {0} GmbH"];
    public static readonly string[] RegionalGasOperatorForms = ["Gasnetz {0} GmbH", "{0} Gasversorgungsnetz GmbH"];
    public static readonly string[] RegionalSupplierForms = ["{0} Energie AG", "Energieversorgung {0} GmbH", "Versorgungsbetriebe {0} GmbH"];

    public static readonly string[] Streets =
    [
        "Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße", "Dorfstraße", "Bergstraße", "Lindenstraße", "Kirchstraße",
        "Waldstraße", "Ringstraße", "Wiesenweg", "Am Markt", "Mühlenweg", "Birkenweg", "Rosenstraße", "Feldstraße",
        "Goethestraße", "Schillerstraße", "Mozartstraße", "Eichenweg", "Sonnenstraße", "Industriestraße", "Am Sportplatz",
        "Ahornweg", "Poststraße", "Buchenweg", "Talstraße", "Kastanienallee", "Jahnstraße", "Blumenstraße",
    ];

    /// <summary>Provider brand stems and forms for the competitor tariffs (all fictional).</summary>
    public static readonly string[] ProviderStems =
    [
        "Volta", "Wattwerk", "Amperio", "Solaris", "Kraftquell", "Blitzblank", "Nordwind", "Südlicht", "Ostwerk", "Westenergie Plus",
        "Grünfluss", "Klarstrom", "Fairwatt", "Ökovolt", "Rheinkraft", "Elbstrom", "Spreelicht", "Alpenquelle", "Heidewatt",
        "Küstenkraft", "Funkenflug", "Lumenta", "Energon", "Helion", "Windsbraut", "Wellenwerk", "Stromkontor", "Gaskontor",
        "Flammwerk", "Zapfhahn Energie",
    ];

    public static readonly string[] ProviderForms = ["{0} GmbH", "{0} AG", "{0} Vertriebs GmbH"];

    /// <summary>Endings of the synthetic provider brands beyond <see cref="ProviderStems"/>.</summary>
    public static readonly string[] ProviderEndings = ["watt", "strom", "energie", "kraft", "volt", "gas", "werk"];

    public static readonly string[] PowerTariffs = ["Strom Klassik", "Strom Fix 12", "Strom Fix 24", "Öko Strom Plus", "Strom Online", "Strom Komfort", "Strom Basis", "Strom Flex"];
    public static readonly string[] GasTariffs = ["Gas Klassik", "Gas Fix 12", "Gas Fix 24", "Öko Gas Plus", "Gas Online", "Gas Komfort", "Gas Basis", "Gas Flex"];
    public static readonly string[] BusinessPowerTariffs = ["Gewerbe Strom", "Gewerbe Strom Fix", "Business Strom 24", "Gewerbe Öko Strom"];
    public static readonly string[] BusinessGasTariffs = ["Gewerbe Gas", "Gewerbe Gas Fix", "Business Gas 24", "Gewerbe Öko Gas"];

    /// <summary>A German-looking synthetic place name.</summary>
    public static string Town(SeededRandom rng)
    {
        var stem = rng.Pick(Stems);
        var middle = rng.Pick(Middles);
        var ending = rng.Pick(Endings);
        if (middle.Length > 0 && (char.ToLowerInvariant(middle[^1]) == ending[0] || stem.Contains(middle, StringComparison.OrdinalIgnoreCase))) middle = "";
        var name = stem + middle + ending;
        var form = rng.Int(0, 99);
        return form switch
        {
            < 10 => "Bad " + name,
            < 16 => $"{name} an der {rng.Pick(Rivers)}",
            < 20 => "Neu-" + name,
            < 23 => name + " am See",
            _ => name,
        };
    }
}
