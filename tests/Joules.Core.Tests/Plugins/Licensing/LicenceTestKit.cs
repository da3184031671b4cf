using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Joules.Core.Plugins.Licensing;
using Joules.Core.Plugins.Security;

namespace Joules.Core.Tests.Plugins.Licensing;

/// <summary>A clock the test sets by hand.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A vendor key, an installation and helpers to issue and verify licences.</summary>
public abstract class LicenceTestBase : IDisposable
{
    protected static readonly DateTimeOffset Issued = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset Expiry = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    protected const string Plugin = "Joules.Plugins.Metering";

    protected readonly ECDsa Vendor = VendorSignature.CreateKey();
    protected readonly InstallationId Installation = InstallationId.New();

    protected LicenceTestBase() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

    protected LicencePayload Payload(string licenceId = "L-2026-001", DateTimeOffset? expiresAt = null, int graceDays = LicensedPlugin.DefaultGraceDays,
        string? installation = null, string pluginId = Plugin, bool development = false) => new()
    {
        LicenceId = licenceId,
        Licensee = "Stadtwerke Musterstadt GmbH",
        InstallationId = installation ?? Installation.ToString(),
        IssuedAt = Issued,
        Development = development,
        Plugins = [new LicensedPlugin { Id = pluginId, ExpiresAt = expiresAt ?? Expiry, GraceDays = graceDays }],
    };

    protected LicenceVerifier Verifier(bool allowDevelopment = false) =>
        new([PublicKey()], Installation, new LicenceVerifierOptions { AllowDevelopmentLicences = allowDevelopment });

    /// <summary>The verifier gets only the public half, as in the host.</summary>
    protected ECDsa PublicKey() => VendorSignature.ImportPublicKey(VendorSignature.ExportPublicKey(Vendor));

    protected VerifiedLicence IssueVerified(LicencePayload payload)
    {
        var result = Verifier(allowDevelopment: true).Verify(LicenceIssuer.Issue(payload, Vendor));
        result.IsValid.ShouldBeTrue(result.Reason);
        return result.Licence;
    }

    /// <summary>Replaces one top-level field of a licence file's JSON.</summary>
    protected static string WithField(string licenceJson, string field, string value)
    {
        var node = JsonNode.Parse(licenceJson)!.AsObject();
        node[field] = value;
        return node.ToJsonString();
    }

    protected static string PayloadText(string licenceJson) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(JsonNode.Parse(licenceJson)!["payload"]!.GetValue<string>()));

    public void Dispose()
    {
        Vendor.Dispose();
        GC.SuppressFinalize(this);
    }
}
