using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Joules.Core.Credit;
using Joules.Core.Credit.Http;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Shouldly;

namespace Joules.Core.Tests.Credit.Http;

/// <summary>The bureau JSON both ways: requests carry the subject as the format describes, answers are checked against the
/// asked bureau, product and scale before they become a result with the hash of the raw body.</summary>
public sealed class BureauWireTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    public BureauWireTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    [Fact]
    public void Person_request_carries_salutation_birth_date_address_and_depth()
    {
        var subject = new CreditSubject(CustomerType.Household, Salutation.Diverse, "Kim", "Weber", null, new DateOnly(1990, 1, 31),
            new Address { Street = "Ring", HouseNumber = "7", PostalCode = "80331", City = "München", Country = "DE" });
        var request = new CreditCheckRequest(Guid.NewGuid(), Guid.NewGuid(), "bonima", CreditCheckDepth.NegativeFeaturesOnly, subject);

        var wire = JsonBureauClient.ToWire(Bureaus.Boniversum, Bureaus.Boniversum.Products[0], request);

        wire.SubjectType.ShouldBe("person");
        wire.Depth.ShouldBe("negative-features");
        wire.Reference.ShouldBe(request.CheckId.ToString("N"));
        wire.Company.ShouldBeNull();
        wire.Person.ShouldBe(new BureauWirePerson("Divers", "Kim", "Weber", "1990-01-31", "Ring", "7", "80331", "München", "DE"));
    }

    [Fact]
    public void Company_request_carries_name_legal_form_and_register_number()
    {
        var subject = new CreditSubject(CustomerType.Business, Salutation.Company, null, "Muster", "Muster Handels GmbH", null,
            new Address { PostalCode = "1010", City = "Wien", Country = "AT" }) { LegalForm = "GmbH", RegisterNumber = "FN 12345a" };

        var wire = JsonBureauClient.ToWire(Bureaus.Ksv1870, Bureaus.Ksv1870.Products[0],
            new CreditCheckRequest(Guid.NewGuid(), Guid.NewGuid(), "ksv-rating", CreditCheckDepth.Full, subject));

        wire.SubjectType.ShouldBe("company");
        wire.Depth.ShouldBe("full");
        wire.Person.ShouldBeNull();
        wire.Company.ShouldBe(new BureauWireCompany("Muster Handels GmbH", "GmbH", "FN 12345a", null, null, "1010", "Wien", "AT"));
    }

    [Fact]
    public void Country_the_bureau_does_not_serve_is_refused()
    {
        var subject = new CreditSubject(CustomerType.Household, Salutation.Mr, "Max", "Huber", null, null, new Address { PostalCode = "1010", Country = "AT" });

        var e = Should.Throw<CreditBureauUnavailableException>(() => JsonBureauClient.ToWire(Bureaus.Schufa, Bureaus.Schufa.Products[0],
            new CreditCheckRequest(Guid.NewGuid(), Guid.NewGuid(), "basisscore", CreditCheckDepth.Full, subject)));

        e.Message.ShouldBe("SCHUFA prüft nicht in AT");
    }

    [Fact]
    public void Answer_becomes_a_result_with_the_sha256_of_the_raw_body()
    {
        var body = Encoding.UTF8.GetBytes("""
            {"requestId":"r1","bureau":"buergel","product":"concheck","score":3.4,"scoreClass":null,
             "negativeFeatures":[{"code":"INKASSO","description":"Inkassoverfahren"}],"probabilityOfDefault":0.08,"notice":null,
             "answeredAt":"2026-11-27T03:00:01+00:00"}
            """);

        var result = JsonBureauClient.ToResult(body, Bureaus.Buergel, Bureaus.Buergel.Products[0], At);

        result.ShouldBe(result with { Bureau = "buergel", Product = "concheck", RawScore = 3.4m, RawClass = null, ProbabilityOfDefault = 0.08m, RequestedAt = At });
        result.NegativeFeatureCodes.ShouldBe(["INKASSO"]);
        result.ResponseHash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    [Theory]
    [InlineData("""{"bureau":"crif","product":"concheck","score":2.0}""", "Die Antwort von CRIF Bürgel passt nicht zur Anfrage (Auskunftei oder Produkt weicht ab)")]
    [InlineData("""{"bureau":"buergel","product":"other","score":2.0}""", "Die Antwort von CRIF Bürgel passt nicht zur Anfrage (Auskunftei oder Produkt weicht ab)")]
    [InlineData("""{"bureau":"buergel","product":"concheck","score":7.5}""", "Die Antwort von CRIF Bürgel enthält den Score 7,5 außerhalb der Skala (1,0 bis 6,0)")]
    [InlineData("""{"bureau":"buergel","product":"concheck","score":""", "Die Antwort von CRIF Bürgel war kein gültiges JSON")]
    [InlineData("null", "Die Antwort von CRIF Bürgel war kein gültiges JSON")]
    public void Answer_that_does_not_fit_the_request_is_refused(string body, string reason)
    {
        var e = Should.Throw<CreditBureauUnavailableException>(() =>
            JsonBureauClient.ToResult(Encoding.UTF8.GetBytes(body), Bureaus.Buergel, Bureaus.Buergel.Products[0], At));

        e.Message.ShouldBe(reason);
    }
}
