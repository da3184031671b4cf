using Joules.Core.Integration;
using System.Globalization;
using Joules.Core.Credit;
using Joules.Core.Credit.Http;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Simulators;
using Joules.Simulators.Bureaus;
using Shouldly;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Host.Tests.Credit.Http;

/// <summary>The shared bureau client against the bureau simulator over real HTTP: answers of all seven bureaus on their
/// scales, both subject types and depths, and every failure as an unavailable bureau with a German reason that carries
/// neither the key nor personal data.</summary>
public sealed class JsonBureauClientTests : IAsyncLifetime
{
    private const string Key = "sws-bureau-key-4711";
    private SimulatorServer _server = null!;
    private ServiceProvider _services = null!;
    private JsonBureauClient _client = null!;
    private readonly CapturingLoggerProvider _logs = new();
    private readonly AttemptCounter _attempts = new();

    public static TheoryData<string, string, string, string> Products => new()
    {
        { "schufa", "basisscore", "person", "DE" },
        { "schufa", "score-2026", "person", "DE" },
        { "creditreform", "bonitaetsindex", "company", "AT" },
        { "boniversum", "bonima", "person", "DE" },
        { "buergel", "concheck", "person", "DE" },
        { "crif", "crif-score", "person", "AT" },
        { "crif", "crif-score", "company", "DE" },
        { "deltavista", "deltavista-score", "person", "DE" },
        { "deltavista", "deltavista-score", "company", "AT" },
        { "ksv1870", "ksv-rating", "company", "AT" },
    };

    public async Task InitializeAsync()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _server = await SimulatorServer.StartAsync(new SimulatorServerOptions
        {
            Bureaus = { ApiKeys = [Key], SlowAnswerDelay = TimeSpan.FromSeconds(8) },
        });
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        services.AddCreditBureauHttp();
        services.AddHttpClient(JsonBureauClient.HttpClientName).AddHttpMessageHandler(() => _attempts);
        _services = services.BuildServiceProvider();
        _client = _services.GetRequiredService<JsonBureauClient>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Products))]
    public async Task Scored_answer_maps_to_a_result_on_the_products_scale_with_the_hash_of_the_body(string bureau, string product, string subjectType, string country)
    {
        var request = Request(product, Subject(subjectType, "Müller", country));
        var before = DateTimeOffset.UtcNow;

        var result = await _client.CheckAsync(Connection(bureau, product), request, default);

        result.Bureau.ShouldBe(bureau);
        result.Product.ShouldBe(product);
        var scale = Bureaus.Find(bureau)!.Product(product)!.Scale;
        scale.Contains(result.RawScore.ShouldNotBeNull()).ShouldBeTrue($"{result.RawScore} outside {scale}");
        result.ProbabilityOfDefault.ShouldNotBeNull().ShouldBeInRange(0.001m, 0.30m);
        result.NegativeFeatureCodes.ShouldBeEmpty();
        result.ResponseHash.ShouldMatch("^[0-9a-f]{64}$");
        result.RequestedAt.ShouldBeGreaterThanOrEqualTo(before.AddSeconds(-1));
        var received = _server.Bureaus.Checks.Single(c => c.Reference == request.CheckId.ToString("N"));
        received.SubjectType.ShouldBe(subjectType);
        received.Score.ShouldBe(result.RawScore);
    }

    [Fact]
    public async Task Class_labels_and_negative_features_come_as_the_bureau_sent_them()
    {
        var best = await _client.CheckAsync(Connection("schufa", "basisscore"), Request("basisscore", Person("Bestens")), default);
        best.RawScore.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(97.6m);
        best.RawClass.ShouldBe("sehr geringes Risiko");

        var negative = await _client.CheckAsync(Connection("creditreform", "bonitaetsindex"), Request("bonitaetsindex", Subject("company", "Negativ", "DE")), default);
        negative.RawScore.ShouldBe(600);
        negative.NegativeFeatureCodes.ShouldBe(["INKASSO", "INSOLVENZ"], ignoreOrder: true);
    }

    [Fact]
    public async Task Negative_features_depth_returns_features_without_score()
    {
        var negative = await _client.CheckAsync(Connection("boniversum", "bonima"),
            Request("bonima", Person("Negativ"), CreditCheckDepth.NegativeFeaturesOnly), default);
        negative.RawScore.ShouldBeNull();
        negative.ProbabilityOfDefault.ShouldBeNull();
        negative.NegativeFeatureCodes.ShouldBe(["INKASSO", "EV", "INSOLVENZ"], ignoreOrder: true);

        var clean = await _client.CheckAsync(Connection("boniversum", "bonima"),
            Request("bonima", Person("Müller"), CreditCheckDepth.NegativeFeaturesOnly), default);
        clean.RawScore.ShouldBeNull();
        clean.NegativeFeatureCodes.ShouldBeEmpty();
        _server.Bureaus.Checks.Last().Depth.ShouldBe("negative-features");
    }

    [Fact]
    public async Task Subject_the_product_does_not_check_is_refused_before_asking()
    {
        var e = await Should.ThrowAsync<CreditBureauUnavailableException>(() =>
            _client.CheckAsync(Connection("ksv1870", "ksv-rating"), Request("ksv-rating", Subject("person", "Müller", "AT")), default));

        e.Message.ShouldBe("KSV1870 prüft mit dem Produkt KSV1870 Rating (1–699, 700 = insolvent) diese Kundenart nicht");
        _attempts.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Slow_bureau_runs_into_the_timeout_and_is_unavailable()
    {
        var e = await Should.ThrowAsync<CreditBureauUnavailableException>(() =>
            _client.CheckAsync(Connection("schufa", "basisscore", timeoutSeconds: 1), Request("basisscore", Person("Langsam")), default));

        e.Message.ShouldBe("SCHUFA antwortete nicht innerhalb von 1 s");
        _attempts.Count.ShouldBe(ServiceResilience.MaxRetries + 1);
    }

    [Fact]
    public async Task Server_error_is_retried_twice_then_unavailable()
    {
        var request = Request("crif-score", Person("Serverfehler"));

        var e = await Should.ThrowAsync<CreditBureauUnavailableException>(() => _client.CheckAsync(Connection("crif", "crif-score"), request, default));

        e.Message.ShouldBe("CRIF meldete einen Serverfehler (500)");
        _server.Bureaus.Checks.Count(c => c.Reference == request.CheckId.ToString("N")).ShouldBe(3);
    }

    [Fact]
    public async Task Malformed_answer_is_unavailable_with_the_reason()
    {
        var e = await Should.ThrowAsync<CreditBureauUnavailableException>(() =>
            _client.CheckAsync(Connection("schufa", "score-2026"), Request("score-2026", Person("Kaputt")), default));

        e.Message.ShouldBe("Die Antwort von SCHUFA war kein gültiges JSON");
    }

    [Fact]
    public async Task Refused_key_is_not_retried()
    {
        var e = await Should.ThrowAsync<CreditBureauUnavailableException>(() =>
            _client.CheckAsync(Connection("buergel", "concheck") with { ApiKey = "wrong-key" }, Request("concheck", Person("Müller")), default));

        e.Message.ShouldBe("CRIF Bürgel hat den API-Schlüssel abgelehnt (401)");
        _attempts.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Circuit_opens_after_repeated_failures_and_then_fails_fast_for_that_brand_only()
    {
        var connection = Connection("deltavista", "deltavista-score");
        await Should.ThrowAsync<CreditBureauUnavailableException>(() => _client.CheckAsync(connection, Request("deltavista-score", Person("Serverfehler")), default));
        var second = await Should.ThrowAsync<CreditBureauUnavailableException>(() => _client.CheckAsync(connection, Request("deltavista-score", Person("Serverfehler")), default));
        second.Message.ShouldBe("Keine Verbindung zu Deltavista: Schaltkreis offen nach wiederholten Fehlern");
        var sent = _attempts.Count;

        var fast = await Should.ThrowAsync<CreditBureauUnavailableException>(() => _client.CheckAsync(connection, Request("deltavista-score", Person("Bestens")), default));

        fast.Message.ShouldBe("Keine Verbindung zu Deltavista: Schaltkreis offen nach wiederholten Fehlern");
        _attempts.Count.ShouldBe(sent);
        var otherBrand = await _client.CheckAsync(connection with { BrandId = Guid.NewGuid() }, Request("deltavista-score", Person("Bestens")), default);
        otherBrand.RawScore.ShouldNotBeNull();
    }

    [Fact]
    public async Task Neither_the_key_nor_personal_data_appear_in_reasons_or_logs()
    {
        var reasons = new List<string>();
        foreach (var name in new[] { "Langsam", "Serverfehler", "Kaputt", "Zimmermann" })
        {
            var connection = Connection("schufa", "basisscore", timeoutSeconds: 1) with { BrandId = Guid.NewGuid() };
            if (name == "Zimmermann") connection = connection with { ApiKey = Key + "-old" };
            var e = await Should.ThrowAsync<CreditBureauUnavailableException>(() => _client.CheckAsync(connection, Request("basisscore", Person(name)), default));
            reasons.Add(e.ToString());
        }
        await _client.CheckAsync(Connection("schufa", "basisscore"), Request("basisscore", Person("Zimmermann")), default);

        var all = string.Join("\n", reasons.Concat(_logs.Lines));
        _logs.Lines.ShouldNotBeEmpty();
        foreach (var secret in new[] { Key, "Annegret", "Zimmermann", "Lindenallee", "1980-04-12", "12.04.1980", "Bearer" })
            all.ShouldNotContain(secret, Case.Insensitive);
    }

    private BureauConnection Connection(string bureau, string product, int timeoutSeconds = 5) =>
        new(Guid.NewGuid(), bureau, _server.BureauUrl(bureau), Key, product, timeoutSeconds, Simulated: false);

    private static CreditCheckRequest Request(string product, CreditSubject subject, CreditCheckDepth depth = CreditCheckDepth.Full) =>
        new(Guid.NewGuid(), Guid.NewGuid(), product, depth, subject);

    private static CreditSubject Person(string lastName, string country = "DE") => Subject("person", lastName, country);

    private static CreditSubject Subject(string subjectType, string name, string country)
    {
        var address = new Address { Street = "Lindenallee", HouseNumber = "12", PostalCode = country == "AT" ? "1010" : "10115", City = "Berlin", Country = country };
        return subjectType == "company"
            ? new CreditSubject(CustomerType.Business, Salutation.Company, null, name, name + " Handels GmbH", null, address) { LegalForm = "GmbH", RegisterNumber = "HRB 4711" }
            : new CreditSubject(CustomerType.Household, Salutation.Ms, "Annegret", name, null, new DateOnly(1980, 4, 12), address);
    }

    /// <summary>Counts the HTTP attempts the client makes (also those the simulator does not list, such as refused keys).</summary>
    private sealed class AttemptCounter : DelegatingHandler
    {
        private int _count;

        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, ct);
        }
    }
}
