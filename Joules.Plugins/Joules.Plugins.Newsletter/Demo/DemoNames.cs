namespace Joules.Plugins.Newsletter.Demo;

/// <summary>Made-up German names and towns around Freiburg for generated form subscribers.</summary>
internal static class DemoNames
{
    public static readonly string[] FirstNames =
    [
        "Anna", "Lena", "Sophie", "Marie", "Laura", "Julia", "Katharina", "Sarah", "Lisa", "Hannah", "Johanna", "Clara", "Miriam", "Sabine", "Petra",
        "Andrea", "Monika", "Claudia", "Susanne", "Birgit", "Ursula", "Renate", "Heike", "Nicole", "Stefanie", "Christina", "Franziska", "Carolin",
        "Lukas", "Jonas", "Felix", "Maximilian", "Leon", "Paul", "Tobias", "Florian", "Sebastian", "Daniel", "Michael", "Thomas", "Andreas", "Stefan",
        "Markus", "Christian", "Frank", "Jürgen", "Klaus", "Wolfgang", "Peter", "Matthias", "Martin", "Simon", "Jan", "Philipp", "Moritz", "Niklas",
        "Benedikt", "Georg", "Uwe", "Ralf", "Dieter", "Helmut", "Bernd", "Oliver", "Alexander", "Dominik", "Elias", "Emil", "Mia", "Emma", "Greta",
    ];

    public static readonly string[] LastNames =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter",
        "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner",
        "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser",
        "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger",
        "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin",
        "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas", "Schreiber", "Graf",
        "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer",
    ];

    public static readonly (string PostalCode, string City)[] Towns =
    [
        ("79098", "Freiburg im Breisgau"), ("79100", "Freiburg im Breisgau"), ("79102", "Freiburg im Breisgau"), ("79104", "Freiburg im Breisgau"),
        ("79106", "Freiburg im Breisgau"), ("79108", "Freiburg im Breisgau"), ("79110", "Freiburg im Breisgau"), ("79111", "Freiburg im Breisgau"),
        ("79114", "Freiburg im Breisgau"), ("79115", "Freiburg im Breisgau"), ("79117", "Freiburg im Breisgau"), ("79312", "Emmendingen"),
        ("79183", "Waldkirch"), ("79211", "Denzlingen"), ("79199", "Kirchzarten"), ("79206", "Breisach am Rhein"), ("79379", "Müllheim"),
        ("79822", "Titisee-Neustadt"), ("79189", "Bad Krozingen"), ("79227", "Schallstadt"), ("79232", "March"), ("79224", "Umkirch"),
        ("77933", "Lahr/Schwarzwald"), ("77652", "Offenburg"), ("79341", "Kenzingen"), ("79346", "Endingen am Kaiserstuhl"),
    ];

    public static readonly string[] Domains = ["example.com", "example.org", "example.net"];

    public static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    ];

    /// <summary>Lower-case ASCII form for e-mail addresses ("Jürgen Weiß" → "juergen", "weiss").</summary>
    public static string Slug(string s) => new string(s.ToLowerInvariant().Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
        .Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal).Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
}
