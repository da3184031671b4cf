using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Joules.Simulators.Bureaus;

/// <summary>Options of the credit bureau simulator.</summary>
public sealed class BureauSimulatorOptions
{
    /// <summary>The API key the simulator accepts when none is configured (also the demo key of the bureau plugins).</summary>
    public const string DemoApiKey = "demo-bureau-key";

    /// <summary>API keys accepted as <c>Authorization: Bearer &lt;key&gt;</c> by every simulated bureau.</summary>
    public IList<string> ApiKeys { get; set; } = [DemoApiKey];

    /// <summary>Added to every answer (benchmarks use 200 ms; default none). Waits without blocking a thread.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>How long the test person <c>Langsam</c> makes the caller wait (default 30 s).</summary>
    public TimeSpan SlowAnswerDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many received checks <c>GET /bureaus/v1/checks</c> keeps (default 1,000).</summary>
    public int KeepChecks { get; set; } = 1000;
}

/// <summary>One check request a simulated bureau received (after authentication), and its answer.</summary>
/// <param name="RequestId">The bureau's request id (empty when refused).</param>
/// <param name="Bureau">Bureau path code.</param>
/// <param name="Product">Product as sent.</param>
/// <param name="SubjectType">Subject type as sent.</param>
/// <param name="Depth">Depth as sent (or <c>full</c>).</param>
/// <param name="Reference">The caller's check id.</param>
/// <param name="Subject">Last name and first name, or the company name.</param>
/// <param name="ReceivedAt">When the request arrived.</param>
/// <param name="StatusCode">HTTP status of the answer.</param>
/// <param name="Outcome"><c>scored</c>, <c>negative-features</c>, <c>unknown</c>, <c>refused</c>, <c>server-error</c>, <c>malformed</c>.</param>
/// <param name="Score">The score returned.</param>
/// <param name="Error">Why it was refused.</param>
public sealed record SimulatedBureauCheck(string RequestId, string Bureau, string? Product, string? SubjectType, string Depth,
    string? Reference, string? Subject, DateTimeOffset ReceivedAt, int StatusCode, string Outcome, decimal? Score, string? Error);

/// <summary>Simulated credit bureaus (SCHUFA, Creditreform, Boniversum, CRIF Bürgel, CRIF, Deltavista, KSV1870) speaking
/// Joules' own documented JSON format (docs/credit-bureaus.md) under <c>/bureaus/{bureau}/v1/checks</c>. Scores are
/// deterministic: a SHA-256 of the normalised subject data picks the value within the product's range for subjects without
/// negative features. Test persons by last name (companies by the first word of the name), case-insensitive:
/// <c>Negativ</c>, <c>Grenzfall</c>, <c>Bestens</c>, <c>Langsam</c>, <c>Serverfehler</c>, <c>Kaputt</c>, <c>Unbekannt</c>.</summary>
public sealed class BureauSimulator(BureauSimulatorOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentQueue<SimulatedBureauCheck> _checks = new();

    /// <summary>The last received checks (at most <see cref="BureauSimulatorOptions.KeepChecks"/>), oldest first.</summary>
    public IReadOnlyList<SimulatedBureauCheck> Checks => _checks.ToArray();

    internal void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{bureau}/v1/checks", CheckAsync);
        group.MapGet("/v1/checks", () => Results.Json(Checks, Json));
    }

    internal sealed record PersonData(string? Salutation, string? FirstName, string? LastName, string? BirthDate, string? Street,
        string? HouseNumber, string? PostalCode, string? City, string? Country);

    internal sealed record CompanyData(string? Name, string? LegalForm, string? RegisterNumber, string? Street, string? HouseNumber,
        string? PostalCode, string? City, string? Country);

    internal sealed record CheckRequest(string? Product, string? SubjectType, string? Reference, string? Depth, PersonData? Person, CompanyData? Company);

    private sealed record Feature(string Code, string Description);

    private async Task<IResult> CheckAsync(string bureau, HttpRequest request, CancellationToken ct)
    {
        if (options.Latency > TimeSpan.Zero) await Task.Delay(options.Latency, ct);

        var simulated = BureauCatalogue.Find(bureau);
        if (simulated is null)
            return Results.Json(new { error = $"unknown bureau '{bureau}'; known: {string.Join(", ", BureauCatalogue.All.Select(b => b.Code))}" }, Json, statusCode: 404);
        if (!Authenticated(request)) return Results.Json(new { error = "missing or invalid API key" }, Json, statusCode: 401);

        CheckRequest? body;
        try { body = await JsonSerializer.DeserializeAsync<CheckRequest>(request.Body, Json, ct); }
        catch (JsonException) { body = null; }
        if (body is null)
        {
            Record(new SimulatedBureauCheck("", simulated.Code, null, null, "full", null, null, DateTimeOffset.UtcNow, 400, "refused", null, "body is not a JSON check request"));
            return Results.Json(new { error = "body is not a JSON check request" }, Json, statusCode: 400);
        }

        var depth = string.IsNullOrEmpty(body.Depth) ? "full" : body.Depth;
        var subject = body.SubjectType == "company" ? body.Company?.Name : JoinName(body.Person);
        var (product, error) = Validate(simulated, body, depth);
        if (error is not null || product is null)
        {
            Record(new SimulatedBureauCheck("", simulated.Code, body.Product, body.SubjectType, depth, body.Reference, subject, DateTimeOffset.UtcNow, 400, "refused", null, error));
            return Results.Json(new { error }, Json, statusCode: 400);
        }

        var requestId = "sim-" + simulated.Code + "-" + Guid.NewGuid().ToString("N")[..16];
        var isCompany = body.SubjectType == "company";
        var testPerson = TestPersonOf(isCompany ? FirstWord(body.Company!.Name) : body.Person!.LastName?.Trim());
        SimulatedBureauCheck Entry(int status, string outcome, decimal? score = null) =>
            new(requestId, simulated.Code, product.Code, body.SubjectType, depth, body.Reference, subject, DateTimeOffset.UtcNow, status, outcome, score, null);

        switch (testPerson)
        {
            case "serverfehler":
                Record(Entry(500, "server-error"));
                return Results.Json(new { error = "internal bureau error (simulated)" }, Json, statusCode: 500);
            case "kaputt":
                Record(Entry(200, "malformed"));
                return Results.Text($"{{\"requestId\":\"{requestId}\",\"bureau\":\"{simulated.Code}\",\"score\":", "application/json", Encoding.UTF8, 200);
            case "langsam":
                await Task.Delay(options.SlowAnswerDelay, ct);
                break;
        }

        var answeredAt = DateTimeOffset.UtcNow;
        if (testPerson == "unbekannt")
        {
            Record(Entry(200, "unknown"));
            return Answer(requestId, simulated, product, null, "unbekannt", [], null, "Person oder Firma unbekannt (simuliert)", answeredAt);
        }

        var hash = Hash(simulated, product, body);
        if (testPerson == "negativ")
        {
            Feature[] features = isCompany
                ? [new("INKASSO", "Inkassoverfahren, Forderung offen"), new("INSOLVENZ", "Insolvenzverfahren eröffnet")]
                : [new("INKASSO", "Inkassoverfahren, Forderung offen"), new("EV", "Abgabe der Vermögensauskunft"), new("INSOLVENZ", "Verbraucherinsolvenzverfahren eröffnet")];
            if (depth == "negative-features" || product.Negative is not { } range)
            {
                Record(Entry(200, "negative-features"));
                return Answer(requestId, simulated, product, null, depth == "negative-features" ? null : "harte Negativmerkmale", features, null,
                    depth == "negative-features" ? null : "Harte Negativmerkmale: kein Score berechnet (simuliert)", answeredAt);
            }
            var worst = Pick(range, product.Step, hash);
            Record(Entry(200, "negative-features", worst));
            return Answer(requestId, simulated, product, worst, product.ClassOf(worst), features, Pd(product, worst), null, answeredAt);
        }

        if (depth == "negative-features")
        {
            Record(Entry(200, "scored"));
            return Answer(requestId, simulated, product, null, null, [], null, null, answeredAt);
        }

        var within = testPerson switch { "bestens" => product.Best, "grenzfall" => product.Borderline, _ => product.Normal };
        var score = Pick(within, product.Step, hash);
        Record(Entry(200, "scored", score));
        return Answer(requestId, simulated, product, score, product.ClassOf(score), [], Pd(product, score), null, answeredAt);
    }

    private static IResult Answer(string requestId, SimulatedBureau bureau, BureauProduct product, decimal? score, string? scoreClass,
        Feature[] features, decimal? pd, string? notice, DateTimeOffset answeredAt) =>
        Results.Json(new
        {
            requestId,
            bureau = bureau.Code,
            product = product.Code,
            score,
            scoreClass,
            negativeFeatures = features,
            probabilityOfDefault = pd,
            notice,
            answeredAt,
        }, Json);

    private static (BureauProduct? Product, string? Error) Validate(SimulatedBureau bureau, CheckRequest body, string depth)
    {
        var product = bureau.Product(body.Product);
        if (product is null)
            return (null, $"unknown product '{body.Product}' at {bureau.Code}; offered: {string.Join(", ", bureau.Products.Select(p => p.Code))}");
        if (body.SubjectType is not ("person" or "company"))
            return (null, $"'subjectType' must be 'person' or 'company', got '{body.SubjectType}'");
        if (!bureau.SubjectTypes.Contains(body.SubjectType))
            return (null, $"{bureau.Code} does not check subject type '{body.SubjectType}'; offered: {string.Join(", ", bureau.SubjectTypes)}");
        if (depth is not ("full" or "negative-features"))
            return (null, $"'depth' must be 'full' or 'negative-features', got '{body.Depth}'");

        string? country;
        if (body.SubjectType == "person")
        {
            var p = body.Person;
            if (p is null) return (null, "'person' is required for subjectType 'person'");
            if (string.IsNullOrWhiteSpace(p.LastName)) return (null, "'person.lastName' is required");
            if (string.IsNullOrWhiteSpace(p.PostalCode)) return (null, "'person.postalCode' is required");
            if (p.Salutation is { Length: > 0 } s && s is not ("Herr" or "Frau" or "Divers"))
                return (null, $"'person.salutation' must be Herr, Frau or Divers, got '{s}'");
            if (p.BirthDate is { Length: > 0 } d && !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                return (null, $"'person.birthDate' must be a date YYYY-MM-DD, got '{d}'");
            if (bureau.RequiresBirthDateAndSalutation)
            {
                if (string.IsNullOrWhiteSpace(p.BirthDate)) return (null, $"'person.birthDate' is required by {bureau.Code}");
                if (string.IsNullOrWhiteSpace(p.Salutation)) return (null, $"'person.salutation' (gender) is required by {bureau.Code}");
            }
            country = p.Country;
            if (string.IsNullOrWhiteSpace(country)) return (null, "'person.country' is required");
        }
        else
        {
            var c = body.Company;
            if (c is null) return (null, "'company' is required for subjectType 'company'");
            if (string.IsNullOrWhiteSpace(c.Name)) return (null, "'company.name' is required");
            country = c.Country;
            if (string.IsNullOrWhiteSpace(country)) return (null, "'company.country' is required");
        }
        if (!bureau.Countries.Contains(country.Trim().ToUpperInvariant()))
            return (null, $"{bureau.Code} answers for {string.Join(" and ", bureau.Countries)} only, got country '{country}'");
        return (product, null);
    }

    private static readonly string[] TestPersons = ["negativ", "grenzfall", "bestens", "langsam", "serverfehler", "kaputt", "unbekannt"];

    private static string? TestPersonOf(string? name)
    {
        var n = name?.Trim().ToLowerInvariant();
        return n is not null && TestPersons.Contains(n) ? n : null;
    }

    private static string? FirstWord(string? name) => name?.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    private static string? JoinName(PersonData? p) =>
        p is null ? null : string.Join(", ", new[] { p.LastName, p.FirstName }.Where(x => !string.IsNullOrWhiteSpace(x)));

    /// <summary>SHA-256 over bureau, product and the normalised subject: lower-cased names, birth date, postal code.</summary>
    private static ulong Hash(SimulatedBureau bureau, BureauProduct product, CheckRequest body)
    {
        static string N(string? s) => (s ?? "").Trim().ToLowerInvariant();
        var subject = body.SubjectType == "company"
            ? $"company|{N(body.Company!.Name)}|{N(body.Company.RegisterNumber)}|{N(body.Company.PostalCode)}"
            : $"person|{N(body.Person!.LastName)}|{N(body.Person.FirstName)}|{N(body.Person.BirthDate)}|{N(body.Person.PostalCode)}";
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{bureau.Code}|{product.Code}|{subject}"));
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }

    private static decimal Pick(ScoreRange range, decimal step, ulong hash)
    {
        var count = (ulong)((range.To - range.From) / step) + 1;
        return range.From + (hash % count) * step;
    }

    /// <summary>Probability of default from the position on the scale: 30 % at the worst end, 0.1 % at the best (log-linear).</summary>
    private static decimal Pd(BureauProduct product, decimal score) =>
        Math.Round((decimal)(0.30 * Math.Pow(0.001 / 0.30, product.Quality(score))), 4);

    private bool Authenticated(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var auth)
            || !string.Equals(auth.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(auth.Parameter)) return false;
        var given = Encoding.UTF8.GetBytes(auth.Parameter);
        return options.ApiKeys.Any(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), given));
    }

    private void Record(SimulatedBureauCheck check)
    {
        _checks.Enqueue(check);
        while (_checks.Count > Math.Max(1, options.KeepChecks)) _checks.TryDequeue(out _);
    }
}
