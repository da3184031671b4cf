using System.Text;
using System.Text.Json.Nodes;
using Joules.Core.Domain.Common;
using Joules.Core.Plugins.Licensing;
using Joules.Core.Plugins.Security;

namespace Joules.Core.Tests.Plugins.Licensing;

public class LicenceVerifierTests : LicenceTestBase
{
    [Fact]
    public void Issued_licence_verifies_and_carries_its_content()
    {
        var json = LicenceIssuer.Issue(Payload(graceDays: 30), Vendor);

        var result = Verifier().Verify(json);

        result.IsValid.ShouldBeTrue(result.Reason);
        result.Refusal.ShouldBe(LicenceRefusal.None);
        result.Licence.KeyId.ShouldBe(VendorSignature.KeyId(Vendor));
        result.Licence.LicenceId.ShouldBe("L-2026-001");
        result.Licence.Payload.Licensee.ShouldBe("Stadtwerke Musterstadt GmbH");
        result.Licence.Payload.InstallationId.ShouldBe(Installation.ToString());
        result.Licence.Payload.IssuedAt.ShouldBe(Issued);
        var plugin = result.Licence.Payload.Plugins.ShouldHaveSingleItem();
        plugin.Id.ShouldBe(Plugin);
        plugin.ExpiresAt.ShouldBe(Expiry);
        plugin.GraceDays.ShouldBe(30);
    }

    [Fact]
    public void Licence_file_has_the_documented_format()
    {
        var file = JsonNode.Parse(LicenceIssuer.Issue(Payload(), Vendor))!.AsObject();

        file.Select(p => p.Key).ShouldBe(["payload", "keyId", "algorithm", "signature"], ignoreOrder: true);
        file["algorithm"]!.GetValue<string>().ShouldBe("ECDSA-P256-SHA256");
        var payload = JsonNode.Parse(PayloadText(file.ToJsonString()))!;
        payload["licenceId"]!.GetValue<string>().ShouldBe("L-2026-001");
        payload["installationId"]!.GetValue<string>().ShouldBe(Installation.ToString());
        payload["plugins"]![0]!["expiresAt"]!.GetValue<string>().ShouldBe("2027-01-01T00:00:00+00:00");
        payload["plugins"]![0]!["graceDays"]!.GetValue<int>().ShouldBe(14);
    }

    [Fact]
    public void Grace_days_default_to_14_when_the_payload_omits_them()
    {
        var json = LicenceIssuer.SignJson($$"""
            {"licenceId":"L-7","licensee":"EVU AG","installationId":"{{Installation}}","issuedAt":"2026-01-01T00:00:00Z",
             "plugins":[{"id":"{{Plugin}}","expiresAt":"2027-01-01T00:00:00Z"}]}
            """, Vendor);

        var result = Verifier().Verify(json);

        result.IsValid.ShouldBeTrue(result.Reason);
        result.Licence.Payload.Plugins[0].GraceDays.ShouldBe(14);
    }

    [Fact]
    public void Refuses_licence_with_one_changed_payload_byte()
    {
        var json = LicenceIssuer.Issue(Payload(), Vendor);
        var bytes = Convert.FromBase64String(JsonNode.Parse(json)!["payload"]!.GetValue<string>());
        var at = Encoding.UTF8.GetString(bytes).IndexOf("2027", StringComparison.Ordinal);
        bytes[at + 3] = (byte)'9'; // 2027 -> 2029
        var tampered = WithField(json, "payload", Convert.ToBase64String(bytes));

        var result = Verifier().Verify(tampered);

        result.IsValid.ShouldBeFalse();
        result.Refusal.ShouldBe(LicenceRefusal.BadSignature);
        result.Reason.ShouldBe("Die Signatur der Lizenz ist ungültig: Die Lizenzdatei wurde verändert oder ist beschädigt.");
    }

    [Fact]
    public void Refuses_licence_whose_signature_was_replaced()
    {
        var json = LicenceIssuer.Issue(Payload(), Vendor);
        var foreignSignature = VendorSignature.Sign(Encoding.UTF8.GetBytes("something else"), Vendor);

        Verifier().Verify(WithField(json, "signature", foreignSignature)).Refusal.ShouldBe(LicenceRefusal.BadSignature);
    }

    [Fact]
    public void Refuses_licence_signed_by_an_untrusted_key()
    {
        using var stranger = VendorSignature.CreateKey();
        var json = LicenceIssuer.Issue(Payload(), stranger);

        var result = Verifier().Verify(json);

        result.Refusal.ShouldBe(LicenceRefusal.UnknownKey);
        result.Reason.ShouldBe($"Die Lizenz ist mit einem unbekannten Schlüssel (Key-ID „{VendorSignature.KeyId(stranger)}“) signiert und stammt damit nicht von einem vertrauenswürdigen Hersteller.");
    }

    [Fact]
    public void Refuses_untrusted_key_that_claims_a_trusted_key_id()
    {
        using var stranger = VendorSignature.CreateKey();
        var json = WithField(LicenceIssuer.Issue(Payload(), stranger), "keyId", VendorSignature.KeyId(Vendor));

        Verifier().Verify(json).Refusal.ShouldBe(LicenceRefusal.BadSignature);
    }

    [Fact]
    public void Refuses_licence_with_another_algorithm()
    {
        var json = WithField(LicenceIssuer.Issue(Payload(), Vendor), "algorithm", "RSA-SHA1");

        var result = Verifier().Verify(json);

        result.Refusal.ShouldBe(LicenceRefusal.UnsupportedAlgorithm);
        result.Reason.ShouldBe("Die Lizenz ist mit dem Verfahren „RSA-SHA1“ signiert; unterstützt wird nur „ECDSA-P256-SHA256“.");
    }

    [Fact]
    public void Refuses_licence_bound_to_another_installation()
    {
        var other = InstallationId.New();
        var json = LicenceIssuer.Issue(Payload(installation: other.ToString()), Vendor);

        var result = Verifier().Verify(json);

        result.Refusal.ShouldBe(LicenceRefusal.OtherInstallation);
        result.Reason.ShouldBe($"Die Lizenz „L-2026-001“ gilt für die Installation {other}; diese Installation hat die ID {Installation}.");
    }

    [Fact]
    public void Installation_binding_ignores_case_of_the_guid()
    {
        var json = LicenceIssuer.Issue(Payload(installation: Installation.ToString().ToUpperInvariant()), Vendor);

        Verifier().Verify(json).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Development_licence_is_refused_unless_allowed()
    {
        var json = LicenceIssuer.Issue(Payload(licenceId: "DEV-1", installation: "*", pluginId: "*", development: true), Vendor);

        var refused = Verifier().Verify(json);
        refused.Refusal.ShouldBe(LicenceRefusal.DevelopmentNotAllowed);
        refused.Reason.ShouldBe("„DEV-1“ ist eine Entwicklungslizenz; Entwicklungslizenzen sind in dieser Umgebung nicht zugelassen.");

        var allowed = Verifier(allowDevelopment: true).Verify(json);
        allowed.IsValid.ShouldBeTrue(allowed.Reason);
        allowed.Licence.Payload.Development.ShouldBeTrue();
    }

    [Fact]
    public void Development_licence_bound_to_an_installation_still_checks_the_binding()
    {
        var json = LicenceIssuer.Issue(Payload(installation: InstallationId.New().ToString(), development: true), Vendor);

        Verifier(allowDevelopment: true).Verify(json).Refusal.ShouldBe(LicenceRefusal.OtherInstallation);
    }

    [Fact]
    public void Any_installation_is_refused_in_a_production_licence_even_when_signed()
    {
        var payload = Payload(installation: "*");
        Should.Throw<DomainException>(() => LicenceIssuer.Issue(payload, Vendor))
            .Message.ShouldBe("Die Lizenz „L-2026-001“ gilt für alle Installationen („*“); das ist nur bei Entwicklungslizenzen zulässig.");

        var json = LicenceIssuer.SignJson($$"""
            {"licenceId":"L-1","licensee":"EVU AG","installationId":"*","issuedAt":"2026-01-01T00:00:00Z",
             "plugins":[{"id":"{{Plugin}}","expiresAt":"2027-01-01T00:00:00Z"}]}
            """, Vendor);
        var result = Verifier(allowDevelopment: true).Verify(json);

        result.Refusal.ShouldBe(LicenceRefusal.InvalidContent);
        result.Reason.ShouldBe("Die Lizenz „L-1“ gilt für alle Installationen („*“); das ist nur bei Entwicklungslizenzen zulässig.");
    }

    [Fact]
    public void Any_plugin_is_refused_in_a_production_licence_even_when_signed()
    {
        Should.Throw<DomainException>(() => LicenceIssuer.Issue(Payload(pluginId: "*"), Vendor));

        var json = LicenceIssuer.SignJson($$"""
            {"licenceId":"L-2","licensee":"EVU AG","installationId":"{{Installation}}","issuedAt":"2026-01-01T00:00:00Z",
             "plugins":[{"id":"*","expiresAt":"2027-01-01T00:00:00Z"}]}
            """, Vendor);
        var result = Verifier(allowDevelopment: true).Verify(json);

        result.Refusal.ShouldBe(LicenceRefusal.InvalidContent);
        result.Reason.ShouldBe("Die Lizenz „L-2“ gilt für alle Plugins („*“); das ist nur bei Entwicklungslizenzen zulässig.");
    }

    [Theory]
    [InlineData("", "Die Lizenzdatei ist leer.")]
    [InlineData("   ", "Die Lizenzdatei ist leer.")]
    [InlineData("null", "Die Lizenzdatei hat nicht das erwartete Format: erwartet wird ein JSON-Objekt mit „payload“, „keyId“, „algorithm“ und „signature“.")]
    [InlineData("Lizenz für Stadtwerke", "Die Lizenzdatei ist kein gültiges JSON (Zeile 1, Position 1).")]
    [InlineData("{\n  \"payload\": \"abc\",\n  \"keyId\": }", "Die Lizenzdatei ist kein gültiges JSON (Zeile 3, Position 12).")]
    [InlineData("[1, 2]", "Die Lizenzdatei hat nicht das erwartete Format: erwartet wird ein JSON-Objekt mit „payload“, „keyId“, „algorithm“ und „signature“.")]
    [InlineData("{\"payload\": 42}", "Das Feld „payload“ der Lizenzdatei hat einen ungültigen Wert.")]
    [InlineData("{}", "In der Lizenzdatei fehlt das Feld „payload“.")]
    [InlineData("{\"payload\":\"e30=\",\"algorithm\":\"ECDSA-P256-SHA256\",\"signature\":\"AA==\"}", "In der Lizenzdatei fehlt das Feld „keyId“.")]
    public void Malformed_files_are_refused_with_a_clear_message(string json, string reason)
    {
        var result = Verifier().Verify(json);

        result.IsValid.ShouldBeFalse();
        result.Refusal.ShouldBe(LicenceRefusal.Malformed);
        result.Reason.ShouldBe(reason);
    }

    [Fact]
    public void Payload_that_is_not_base64_is_refused_with_a_clear_message()
    {
        var json = WithField(LicenceIssuer.Issue(Payload(), Vendor), "payload", "kein Base64!");

        var result = Verifier().Verify(json);

        result.Refusal.ShouldBe(LicenceRefusal.Malformed);
        result.Reason.ShouldBe("Das Feld „payload“ der Lizenzdatei ist kein gültiges Base64.");
    }

    [Fact]
    public void Signature_that_is_not_base64_is_refused_with_a_clear_message()
    {
        var json = WithField(LicenceIssuer.Issue(Payload(), Vendor), "signature", "%%%");

        var result = Verifier().Verify(json);

        result.Refusal.ShouldBe(LicenceRefusal.Malformed);
        result.Reason.ShouldBe("Das Feld „signature“ der Lizenzdatei ist kein gültiges Base64.");
    }

    [Fact]
    public void Signed_payload_that_is_not_json_or_lacks_fields_is_refused_with_a_clear_message()
    {
        Verifier().Verify(LicenceIssuer.SignJson("kein JSON", Vendor)).Reason
            .ShouldBe("Der Lizenzinhalt („payload“) ist kein gültiges JSON (Zeile 1, Position 1).");

        Verifier().Verify(LicenceIssuer.SignJson("[]", Vendor)).Reason.ShouldBe("Der Lizenzinhalt („payload“) ist kein JSON-Objekt.");

        var badDate = LicenceIssuer.SignJson($$"""
            {"licenceId":"L-8","licensee":"EVU AG","installationId":"{{Installation}}","issuedAt":"2026-01-01T00:00:00Z",
             "plugins":[{"id":"{{Plugin}}","expiresAt":"nächstes Jahr"}]}
            """, Vendor);
        Verifier().Verify(badDate).Reason.ShouldBe("Das Feld „plugins[0].expiresAt“ im Lizenzinhalt hat einen ungültigen Wert.");

        var noExpiry = LicenceIssuer.SignJson($$"""
            {"licenceId":"L-3","licensee":"EVU AG","installationId":"{{Installation}}","issuedAt":"2026-01-01T00:00:00Z",
             "plugins":[{"id":"{{Plugin}}"}]}
            """, Vendor);
        Verifier().Verify(noExpiry).Reason.ShouldBe($"Für das Plugin „{Plugin}“ fehlt in der Lizenz „L-3“ das Ablaufdatum („expiresAt“).");

        var noLicensee = LicenceIssuer.SignJson($$"""{"licenceId":"L-4","installationId":"{{Installation}}"}""", Vendor);
        Verifier().Verify(noLicensee).Reason.ShouldBe("Im Lizenzinhalt fehlt das Feld „licensee“.");

        var noPlugins = LicenceIssuer.SignJson($$"""
            {"licenceId":"L-5","licensee":"EVU AG","installationId":"{{Installation}}","issuedAt":"2026-01-01T00:00:00Z","plugins":[]}
            """, Vendor);
        Verifier().Verify(noPlugins).Reason.ShouldBe("Die Lizenz „L-5“ nennt keine Plugins.");

        var badInstallation = LicenceIssuer.SignJson("""
            {"licenceId":"L-6","licensee":"EVU AG","installationId":"Stadtwerke-1","issuedAt":"2026-01-01T00:00:00Z",
             "plugins":[{"id":"x","expiresAt":"2027-01-01T00:00:00Z"}]}
            """, Vendor);
        Verifier().Verify(badInstallation).Reason.ShouldBe("Die Installations-ID „Stadtwerke-1“ der Lizenz ist keine gültige GUID.");
    }

    [Fact]
    public void Refusal_reasons_are_available_in_english()
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

        Verifier().Verify("{}").Reason.ShouldBe("The licence file lacks the field \"payload\".");
    }

    [Fact]
    public void Issuer_refuses_negative_grace_days()
    {
        Should.Throw<DomainException>(() => LicenceIssuer.Issue(Payload(graceDays: -1), Vendor))
            .Message.ShouldBe($"Die Kulanzfrist für das Plugin „{Plugin}“ in der Lizenz „L-2026-001“ darf nicht negativ sein.");
    }
}
