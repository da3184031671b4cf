using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Joules.Simulators;
using Joules.Simulators.Bureaus;

namespace Joules.Host.Tests.Simulators;

/// <summary>The credit bureau simulator over real HTTP: deterministic scores within each bureau's scale, the documented test
/// persons, validation and authentication.</summary>
public sealed class BureauSimulatorTests : IAsyncLifetime
{
    private const string Key = BureauSimulatorOptions.DemoApiKey;
    private SimulatorServer _server = null!;
    private readonly HttpClient _http = new();

    /// <summary>Every bureau with its product, a subject type it checks, a country it serves and its scale.</summary>
    public static TheoryData<string, string, string, string> Products => new()
    {
        { "schufa", "basisscore", "person", "DE" },
        { "schufa", "score-2026", "person", "DE" },
        { "creditreform", "bonitaetsindex", "company", "DE" },
        { "boniversum", "bonima", "person", "DE" },
        { "buergel", "concheck", "person", "DE" },
        { "crif", "crif-score", "person", "AT" },
        { "crif", "crif-score", "company", "DE" },
        { "deltavista", "deltavista-score", "person", "DE" },
        { "ksv1870", "ksv-rating", "company", "AT" },
    };

    public async Task InitializeAsync() => _server = await SimulatorServer.StartAsync(0);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Same_person_always_gets_the_same_score()
    {
        var first = await ScoreAsync("boniversum", "bonima", "person", "DE", "Müller", "Anna");
        var second = await ScoreAsync("boniversum", "bonima", "person", "DE", "MÜLLER", "anna");

        first.ShouldBe(second);
    }

    [Fact]
    public async Task Different_persons_typically_get_different_scores()
    {
        var scores = new HashSet<decimal>();
        foreach (var name in new[] { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker" })
            scores.Add(await ScoreAsync("crif", "crif-score", "person", "DE", name, "Anna"));

        scores.Count.ShouldBeGreaterThan(4);
    }

    [Theory]
    [MemberData(nameof(Products))]
    public async Task Scores_lie_within_the_bureaus_scale(string bureau, string product, string subjectType, string country)
    {
        var scale = Scale(bureau, product);
        foreach (var name in new[] { "Müller", "Schmidt", "Bestens", "Grenzfall", "Negativ" })
        {
            var answer = await CheckAsync(bureau, Body(product, subjectType, country, name));
            answer.StatusCode.ShouldBe(HttpStatusCode.OK);
            var json = await answer.Content.ReadFromJsonAsync<JsonElement>();
            json.GetProperty("bureau").GetString().ShouldBe(bureau);
            json.GetProperty("product").GetString().ShouldBe(product);
            json.GetProperty("requestId").GetString().ShouldNotBeNullOrWhiteSpace();
            json.TryGetProperty("answeredAt", out _).ShouldBeTrue();
            if (json.GetProperty("score").ValueKind == JsonValueKind.Null) continue;
            scale.Scale.Contains(json.GetProperty("score").GetDecimal()).ShouldBeTrue($"{name} at {bureau}: {json.GetProperty("score")}");
            var pd = json.GetProperty("probabilityOfDefault").GetDecimal();
            pd.ShouldBeInRange(0.001m, 0.30m);
        }
    }

    [Theory]
    [MemberData(nameof(Products))]
    public async Task Bestens_is_better_than_Grenzfall_in_the_bureaus_direction(string bureau, string product, string subjectType, string country)
    {
        var best = await ScoreAsync(bureau, product, subjectType, country, "Bestens");
        var borderline = await ScoreAsync(bureau, product, subjectType, country, "Grenzfall");

        if (Scale(bureau, product).HigherIsBetter) best.ShouldBeGreaterThan(borderline);
        else best.ShouldBeLessThan(borderline);
    }

    [Theory]
    [InlineData("schufa", "basisscore", "person", "DE", 90.0, 95.0)]
    [InlineData("creditreform", "bonitaetsindex", "company", "AT", 250, 299)]
    [InlineData("boniversum", "bonima", "person", "DE", 904, 941)]
    [InlineData("buergel", "concheck", "person", "DE", 2.1, 2.9)]
    [InlineData("crif", "crif-score", "company", "AT", 500, 560)]
    [InlineData("deltavista", "deltavista-score", "person", "AT", 500, 560)]
    [InlineData("ksv1870", "ksv-rating", "company", "AT", 400, 499)]
    public async Task Grenzfall_lands_in_the_middle_band(string bureau, string product, string subjectType, string country, double from, double to)
    {
        var score = await ScoreAsync(bureau, product, subjectType, country, "grenzfall", "Paul");
        score.ShouldBeInRange((decimal)from, (decimal)to);
    }

    [Fact]
    public async Task Boniversum_names_the_band_of_the_score()
    {
        var json = await ReadAsync("boniversum", Body("bonima", "person", "DE", "Grenzfall"));
        json.GetProperty("scoreClass").GetString().ShouldBe("durchschnittlich");
    }

    [Theory]
    [InlineData("schufa", "basisscore", "person", "DE", 0, 49.9)]
    [InlineData("creditreform", "bonitaetsindex", "company", "DE", 600, 600)]
    [InlineData("buergel", "concheck", "person", "DE", 3.0, 6.0)]
    [InlineData("crif", "crif-score", "person", "DE", 250, 299)]
    [InlineData("ksv1870", "ksv-rating", "company", "AT", 700, 700)]
    public async Task Negativ_has_hard_negative_features_and_a_score_at_the_worst_end(string bureau, string product, string subjectType, string country, double from, double to)
    {
        var json = await ReadAsync(bureau, Body(product, subjectType, country, "NEGATIV"));

        json.GetProperty("score").GetDecimal().ShouldBeInRange((decimal)from, (decimal)to);
        var codes = json.GetProperty("negativeFeatures").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        codes.ShouldContain("INKASSO");
        codes.ShouldContain("INSOLVENZ");
        json.GetProperty("negativeFeatures")[0].GetProperty("description").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Negativ_at_Boniversum_gets_no_score_but_a_notice()
    {
        var json = await ReadAsync("boniversum", Body("bonima", "person", "DE", "Negativ"));

        json.GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("notice").GetString().ShouldNotBeNullOrWhiteSpace();
        json.GetProperty("negativeFeatures").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ShouldContain("EV");
    }

    [Fact]
    public async Task Serverfehler_answers_500()
    {
        var response = await CheckAsync("schufa", Body("basisscore", "person", "DE", "Serverfehler"));
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task Kaputt_answers_200_with_a_body_that_is_not_JSON()
    {
        var response = await CheckAsync("crif", Body("crif-score", "company", "AT", "Kaputt Handels GmbH"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        Should.Throw<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task Unbekannt_gets_neither_score_nor_features()
    {
        var json = await ReadAsync("buergel", Body("concheck", "person", "DE", "Unbekannt"));

        json.GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("negativeFeatures").GetArrayLength().ShouldBe(0);
        json.GetProperty("scoreClass").GetString().ShouldBe("unbekannt");
    }

    [Fact]
    public async Task Langsam_does_not_answer_within_a_client_timeout()
    {
        using var impatient = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        await Should.ThrowAsync<TaskCanceledException>(() => CheckAsync("schufa", Body("basisscore", "person", "DE", "Langsam"), client: impatient));
    }

    [Fact]
    public async Task Depth_negative_features_returns_no_score()
    {
        var clean = await ReadAsync("schufa", Body("basisscore", "person", "DE", "Müller", depth: "negative-features"));
        clean.GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null);
        clean.GetProperty("probabilityOfDefault").ValueKind.ShouldBe(JsonValueKind.Null);
        clean.GetProperty("negativeFeatures").GetArrayLength().ShouldBe(0);

        var negative = await ReadAsync("schufa", Body("basisscore", "person", "DE", "Negativ", depth: "negative-features"));
        negative.GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null);
        negative.GetProperty("negativeFeatures").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Boniversum_refuses_a_person_without_birth_date()
    {
        var response = await CheckAsync("boniversum", Body("bonima", "person", "DE", "Müller", birthDate: null));
        await ShouldBeRefusedAsync(response, "birthDate");
    }

    [Fact]
    public async Task KSV1870_refuses_a_German_company()
    {
        var response = await CheckAsync("ksv1870", Body("ksv-rating", "company", "DE", "Müller GmbH"));
        await ShouldBeRefusedAsync(response, "AT");
    }

    [Fact]
    public async Task Schufa_refuses_a_company_check()
    {
        var response = await CheckAsync("schufa", Body("basisscore", "company", "DE", "Müller GmbH"));
        await ShouldBeRefusedAsync(response, "company");
    }

    [Fact]
    public async Task Refuses_an_unknown_product()
    {
        var response = await CheckAsync("crif", Body("basisscore", "person", "DE", "Müller"));
        await ShouldBeRefusedAsync(response, "basisscore");
    }

    [Fact]
    public async Task Refuses_a_person_without_postal_code()
    {
        var response = await CheckAsync("schufa", new
        {
            product = "basisscore", subjectType = "person", reference = "c-1", depth = "full",
            person = new { salutation = "Frau", firstName = "Anna", lastName = "Müller", country = "DE" },
        });
        await ShouldBeRefusedAsync(response, "postalCode");
    }

    [Fact]
    public async Task Refuses_a_wrong_api_key_with_401()
    {
        var response = await CheckAsync("schufa", Body("basisscore", "person", "DE", "Müller"), key: "wrong");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _server.Bureaus.Checks.ShouldBeEmpty();
    }

    [Fact]
    public async Task Unknown_bureau_is_404()
    {
        var response = await CheckAsync("acme", Body("basisscore", "person", "DE", "Müller"));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lists_received_checks_with_the_callers_reference()
    {
        await CheckAsync("deltavista", Body("deltavista-score", "person", "AT", "Huber", reference: "check-42"));

        var list = await _http.GetFromJsonAsync<JsonElement>(new Uri(_server.BaseUrl, "bureaus/v1/checks"));
        var listed = list.EnumerateArray().Single(c => c.GetProperty("reference").GetString() == "check-42");
        listed.GetProperty("bureau").GetString().ShouldBe("deltavista");
        listed.GetProperty("statusCode").GetInt32().ShouldBe(200);
        listed.GetProperty("score").GetDecimal().ShouldBeInRange(250m, 700m);
    }

    private static BureauProduct Scale(string bureau, string product) => BureauCatalogue.Find(bureau)!.Product(product)!;

    private static object Body(string product, string subjectType, string country, string name, string firstName = "Anna",
        string? birthDate = "1980-04-12", string depth = "full", string reference = "check-1") => subjectType == "company"
        ? new
        {
            product, subjectType, reference, depth,
            company = new { name, legalForm = "GmbH", registerNumber = "HRB 12345", street = "Hauptstraße", houseNumber = "1", postalCode = "10115", city = "Berlin", country },
        }
        : new
        {
            product, subjectType, reference, depth,
            person = new { salutation = "Frau", firstName, lastName = name, birthDate, street = "Hauptstraße", houseNumber = "1", postalCode = "10115", city = "Berlin", country },
        };

    private async Task<decimal> ScoreAsync(string bureau, string product, string subjectType, string country, string name, string firstName = "Anna")
    {
        var json = await ReadAsync(bureau, Body(product, subjectType, country, name, firstName));
        return json.GetProperty("score").GetDecimal();
    }

    private async Task<JsonElement> ReadAsync(string bureau, object body)
    {
        var response = await CheckAsync(bureau, body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, string mentioning)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldNotBeNull().ShouldContain(mentioning);
    }

    private async Task<HttpResponseMessage> CheckAsync(string bureau, object body, string key = Key, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, $"bureaus/{bureau}/v1/checks")) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await (client ?? _http).SendAsync(request);
    }
}
