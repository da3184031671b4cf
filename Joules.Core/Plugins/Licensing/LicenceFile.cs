using System.Text.Json;
using System.Text.Json.Serialization;
using Joules.Core.Plugins.Security;

namespace Joules.Core.Plugins.Licensing;

/// <summary>A licence file as stored on disk (JSON):
/// <c>{ "payload": "&lt;Base64 of UTF-8 JSON&gt;", "keyId": "…", "algorithm": "ECDSA-P256-SHA256", "signature": "&lt;Base64&gt;" }</c>.
/// The signature covers the exact payload bytes (the Base64-decoded <see cref="Payload"/>), so no JSON canonicalisation
/// is needed. The payload is a <see cref="LicencePayload"/>. Create files with <see cref="LicenceIssuer"/> and check them
/// with <see cref="LicenceVerifier"/>.</summary>
public sealed record LicenceFile
{
    /// <summary>Base64 of the UTF-8 JSON of the <see cref="LicencePayload"/>.</summary>
    public string Payload { get; init; } = "";

    /// <summary>Id of the vendor key that signed the payload (<see cref="VendorSignature.KeyId"/>).</summary>
    public string KeyId { get; init; } = "";

    /// <summary>Signature algorithm; only <see cref="VendorSignature.Algorithm"/> is accepted.</summary>
    public string Algorithm { get; init; } = "";

    /// <summary>Base64 signature of the payload bytes (<see cref="VendorSignature.Sign"/>).</summary>
    public string Signature { get; init; } = "";
}

/// <summary>The signed content of a licence: who may use which plugins on which installation until when.</summary>
public sealed record LicencePayload
{
    /// <summary>Unique id of the licence (e.g. the vendor's order number), shown in messages.</summary>
    public string LicenceId { get; init; } = "";

    /// <summary>The licensee's company name.</summary>
    public string Licensee { get; init; } = "";

    /// <summary>The <see cref="Licensing.InstallationId"/> the licence is bound to, as GUID text; <see cref="Licensing.InstallationId.Any"/>
    /// ("*") is allowed only when <see cref="Development"/> is set.</summary>
    public string InstallationId { get; init; } = "";

    /// <summary>When the licence was issued.</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>Marks a development licence. These may use "*" for installation and plugin and are refused unless
    /// <see cref="LicenceVerifierOptions.AllowDevelopmentLicences"/> is set (never in production).</summary>
    public bool Development { get; init; }

    /// <summary>The licensed plugins (at least one).</summary>
    public IReadOnlyList<LicensedPlugin> Plugins { get; init; } = [];
}

/// <summary>One plugin granted by a licence.</summary>
public sealed record LicensedPlugin
{
    /// <summary>Default length of the grace period after <see cref="ExpiresAt"/>.</summary>
    public const int DefaultGraceDays = 14;

    /// <summary>The plugin id "*": every plugin (development licences only).</summary>
    public const string AllPlugins = LicenceJson.AnyPlugin;

    /// <summary>The plugin id, or "*" for all plugins (development licences only).</summary>
    public string Id { get; init; } = "";

    /// <summary>The instant (UTC) from which the licence has expired: the plugin is licensed before it, then in its grace period.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Days after <see cref="ExpiresAt"/> during which the plugin keeps working with a warning, before it becomes read-only.</summary>
    public int GraceDays { get; init; } = DefaultGraceDays;

    /// <summary>The end of the grace period: from this instant on the plugin is read-only. A perpetual licence
    /// (expiry near 9999-12-31) ends at <see cref="DateTimeOffset.MaxValue"/> instead of overflowing.</summary>
    [JsonIgnore]
    public DateTimeOffset GraceEndsAt =>
        DateTimeOffset.MaxValue.UtcDateTime - ExpiresAt.UtcDateTime > TimeSpan.FromDays(GraceDays)
            ? ExpiresAt.AddDays(GraceDays)
            : DateTimeOffset.MaxValue;
}

/// <summary>JSON settings shared by issuer and verifier.</summary>
internal static class LicenceJson
{
    public const string AnyPlugin = "*";

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public static readonly JsonSerializerOptions PayloadOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };
}
