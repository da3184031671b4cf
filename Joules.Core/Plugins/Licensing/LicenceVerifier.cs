using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Joules.Core.Domain.Common;
using Joules.Core.Plugins.Security;

namespace Joules.Core.Plugins.Licensing;

/// <summary>Options of a <see cref="LicenceVerifier"/>.</summary>
public sealed record LicenceVerifierOptions
{
    /// <summary>Accept licences flagged <see cref="LicencePayload.Development"/>. Off by default and in production.</summary>
    public bool AllowDevelopmentLicences { get; init; }
}

/// <summary>Why a licence file was refused.</summary>
public enum LicenceRefusal
{
    /// <summary>Not refused: the licence is valid.</summary>
    None,
    /// <summary>The file is empty, not JSON, lacks a field or holds invalid Base64.</summary>
    Malformed,
    /// <summary>The file names a signature algorithm other than <see cref="VendorSignature.Algorithm"/>.</summary>
    UnsupportedAlgorithm,
    /// <summary>The signing key is not among the trusted vendor keys.</summary>
    UnknownKey,
    /// <summary>The signature does not match the payload (altered or damaged file).</summary>
    BadSignature,
    /// <summary>The signed content breaks a licence rule (e.g. "*" outside a development licence).</summary>
    InvalidContent,
    /// <summary>The licence is bound to another installation.</summary>
    OtherInstallation,
    /// <summary>A development licence where development licences are not allowed.</summary>
    DevelopmentNotAllowed,
}

/// <summary>A licence whose signature, binding and content have been checked by a <see cref="LicenceVerifier"/>.</summary>
public sealed class VerifiedLicence
{
    internal VerifiedLicence(LicencePayload payload, string keyId)
    {
        Payload = payload;
        KeyId = keyId;
    }

    /// <summary>The signed content.</summary>
    public LicencePayload Payload { get; }

    /// <summary>The id of the vendor key that signed it.</summary>
    public string KeyId { get; }

    /// <summary>Shortcut for <see cref="LicencePayload.LicenceId"/>.</summary>
    public string LicenceId => Payload.LicenceId;
}

/// <summary>The outcome of <see cref="LicenceVerifier.Verify"/>: either a <see cref="Licence"/> or a refusal with a reason.</summary>
public sealed class LicenceVerification
{
    private LicenceVerification(VerifiedLicence? licence, LicenceRefusal refusal, string? reason)
    {
        Licence = licence;
        Refusal = refusal;
        Reason = reason;
    }

    /// <summary>The verified licence, when valid.</summary>
    public VerifiedLicence? Licence { get; }

    /// <summary>Why the licence was refused; <see cref="LicenceRefusal.None"/> when valid.</summary>
    public LicenceRefusal Refusal { get; }

    /// <summary>A localised (German/English) explanation of the refusal, for administrators; null when valid.</summary>
    public string? Reason { get; }

    /// <summary>True if the licence may be used.</summary>
    [MemberNotNullWhen(true, nameof(Licence))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsValid => Licence is not null;

    internal static LicenceVerification Valid(VerifiedLicence licence) => new(licence, LicenceRefusal.None, null);
    internal static LicenceVerification Refused(LicenceRefusal refusal, string reason) => new(null, refusal, reason);
}

/// <summary>Checks licence files offline: trusted vendor key, signature over the exact payload bytes, binding to this
/// installation and the content rules. Thread-safe after construction.</summary>
public sealed class LicenceVerifier
{
    private readonly IReadOnlyDictionary<string, ECDsa> _trustedKeys;
    private readonly InstallationId _installation;
    private readonly LicenceVerifierOptions _options;

    /// <summary>Creates a verifier trusting <paramref name="trustedKeys"/> (key id → public key) for <paramref name="installation"/>.</summary>
    public LicenceVerifier(IReadOnlyDictionary<string, ECDsa> trustedKeys, InstallationId installation, LicenceVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trustedKeys);
        _trustedKeys = new Dictionary<string, ECDsa>(trustedKeys, StringComparer.OrdinalIgnoreCase);
        _installation = installation;
        _options = options ?? new LicenceVerifierOptions();
    }

    /// <summary>Creates a verifier trusting <paramref name="trustedKeys"/>, each under its <see cref="VendorSignature.KeyId"/>.</summary>
    public LicenceVerifier(IEnumerable<ECDsa> trustedKeys, InstallationId installation, LicenceVerifierOptions? options = null)
        : this(trustedKeys.ToDictionary(VendorSignature.KeyId), installation, options)
    {
    }

    /// <summary>Verifies the licence file <paramref name="json"/>. Never throws for bad input; the refusal says what is wrong.</summary>
    public LicenceVerification Verify(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return Malformed(CoreText.Get("Licence.Empty"));

        var file = Read<LicenceFile>(json.TrimStart('\uFEFF'), LicenceJson.Options,
            "Licence.MalformedJson", "Licence.NotAnObject", "Licence.FieldInvalid", out var fileProblem);
        if (file is null) return Malformed(fileProblem ?? CoreText.Get("Licence.Empty"));

        if (string.IsNullOrWhiteSpace(file.Payload)) return Malformed(CoreText.Format("Licence.FieldMissing", "payload"));
        if (string.IsNullOrWhiteSpace(file.KeyId)) return Malformed(CoreText.Format("Licence.FieldMissing", "keyId"));
        if (string.IsNullOrWhiteSpace(file.Algorithm)) return Malformed(CoreText.Format("Licence.FieldMissing", "algorithm"));
        if (string.IsNullOrWhiteSpace(file.Signature)) return Malformed(CoreText.Format("Licence.FieldMissing", "signature"));

        if (!string.Equals(file.Algorithm, VendorSignature.Algorithm, StringComparison.Ordinal))
            return LicenceVerification.Refused(LicenceRefusal.UnsupportedAlgorithm,
                CoreText.Format("Licence.UnsupportedAlgorithm", file.Algorithm, VendorSignature.Algorithm));

        if (!_trustedKeys.TryGetValue(file.KeyId.Trim(), out var key))
            return LicenceVerification.Refused(LicenceRefusal.UnknownKey, CoreText.Format("Licence.UnknownKey", file.KeyId));

        var payloadBytes = new byte[file.Payload.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(file.Payload, payloadBytes, out var payloadLength))
            return Malformed(CoreText.Get("Licence.PayloadNotBase64"));
        var signatureBytes = new byte[file.Signature.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(file.Signature, signatureBytes, out _))
            return Malformed(CoreText.Get("Licence.SignatureNotBase64"));

        var payloadSpan = payloadBytes.AsSpan(0, payloadLength);
        if (!VendorSignature.Verify(payloadSpan, file.Signature, key))
            return LicenceVerification.Refused(LicenceRefusal.BadSignature, CoreText.Get("Licence.BadSignature"));

        // From here on the content is the vendor's: problems are vendor mistakes, reported just as clearly.
        var payload = Read<LicencePayload>(Encoding.UTF8.GetString(payloadSpan), LicenceJson.PayloadOptions,
            "Licence.PayloadMalformedJson", "Licence.PayloadNotAnObject", "Licence.PayloadFieldInvalid", out var payloadProblem);
        if (payload is null) return Malformed(payloadProblem ?? CoreText.Get("Licence.PayloadNotAnObject"));

        var problem = LicenceRules.Check(payload);
        if (problem is not null) return LicenceVerification.Refused(LicenceRefusal.InvalidContent, problem);

        if (payload.Development && !_options.AllowDevelopmentLicences)
            return LicenceVerification.Refused(LicenceRefusal.DevelopmentNotAllowed,
                CoreText.Format("Licence.DevelopmentNotAllowed", payload.LicenceId));

        if (!_installation.IsCoveredBy(payload.InstallationId))
            return LicenceVerification.Refused(LicenceRefusal.OtherInstallation,
                CoreText.Format("Licence.OtherInstallation", payload.LicenceId, payload.InstallationId.Trim(), _installation));

        return LicenceVerification.Valid(new VerifiedLicence(payload, file.KeyId.Trim()));
    }

    /// <summary>Reads JSON into <typeparamref name="T"/>, telling syntax errors (with line and position), a root that is
    /// no object and a field of the wrong type apart.</summary>
    private static T? Read<T>(string text, JsonSerializerOptions options, string syntaxKey, string notObjectKey, string fieldKey, out string? problem)
        where T : class
    {
        problem = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            problem = CoreText.Format(syntaxKey, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = CoreText.Get(notObjectKey);
                return null;
            }
            try
            {
                return document.RootElement.Deserialize<T>(options);
            }
            catch (JsonException e)
            {
                problem = CoreText.Format(fieldKey, FieldName(e.Path));
                return null;
            }
        }
    }

    /// <summary>"$.plugins[0].expiresAt" → "plugins[0].expiresAt".</summary>
    private static string FieldName(string? path) => string.IsNullOrEmpty(path) ? "?" : path.TrimStart('$').TrimStart('.');

    private static LicenceVerification Malformed(string reason) => LicenceVerification.Refused(LicenceRefusal.Malformed, reason);
}
