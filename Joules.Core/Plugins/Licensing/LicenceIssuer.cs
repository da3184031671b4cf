using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Joules.Core.Domain.Common;
using Joules.Core.Plugins.Security;

namespace Joules.Core.Plugins.Licensing;

/// <summary>Creates signed licence files (used by the vendor tool, for development licences and in tests).</summary>
public static class LicenceIssuer
{
    /// <summary>Signs <paramref name="payload"/> with <paramref name="vendorKey"/> (a P-256 private key) and returns the
    /// licence file JSON. Times are written in UTC. Throws <see cref="DomainException"/> if the payload breaks a licence
    /// rule (missing fields, "*" outside a development licence, negative grace period), so no unusable licence is issued.</summary>
    public static string Issue(LicencePayload payload, ECDsa vendorKey)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(vendorKey);
        var problem = LicenceRules.Check(payload);
        if (problem is not null) throw new DomainException(problem, nameof(payload));

        var utc = payload with
        {
            IssuedAt = payload.IssuedAt.ToUniversalTime(),
            Plugins = [.. payload.Plugins.Select(p => p with { ExpiresAt = p.ExpiresAt.ToUniversalTime() })],
        };
        return Sign(JsonSerializer.SerializeToUtf8Bytes(utc, LicenceJson.PayloadOptions), vendorKey);
    }

    /// <summary>Wraps already serialised payload bytes into a signed licence file without checking them.</summary>
    internal static string Sign(byte[] payloadBytes, ECDsa vendorKey)
    {
        var file = new LicenceFile
        {
            Payload = Convert.ToBase64String(payloadBytes),
            KeyId = VendorSignature.KeyId(vendorKey),
            Algorithm = VendorSignature.Algorithm,
            Signature = VendorSignature.Sign(payloadBytes, vendorKey),
        };
        return JsonSerializer.Serialize(file, LicenceJson.Options);
    }

    /// <summary>Signs a payload given as JSON text without checking it (tests of the verifier's content rules).</summary>
    internal static string SignJson(string payloadJson, ECDsa vendorKey) => Sign(Encoding.UTF8.GetBytes(payloadJson), vendorKey);
}

/// <summary>Content rules of a licence payload, shared by issuer and verifier.</summary>
internal static class LicenceRules
{
    /// <summary>The localised reason why <paramref name="payload"/> is not a usable licence, or null.</summary>
    public static string? Check(LicencePayload payload)
    {
        if (string.IsNullOrWhiteSpace(payload.LicenceId)) return CoreText.Format("Licence.PayloadFieldMissing", "licenceId");
        var id = payload.LicenceId;
        if (string.IsNullOrWhiteSpace(payload.Licensee)) return CoreText.Format("Licence.PayloadFieldMissing", "licensee");
        if (string.IsNullOrWhiteSpace(payload.InstallationId)) return CoreText.Format("Licence.PayloadFieldMissing", "installationId");
        if (payload.IssuedAt == default) return CoreText.Format("Licence.PayloadFieldMissing", "issuedAt");

        if (payload.InstallationId.Trim() == InstallationId.Any)
        {
            if (!payload.Development) return CoreText.Format("Licence.AnyInstallationOnlyDevelopment", id);
        }
        else if (!InstallationId.TryParse(payload.InstallationId, out _))
        {
            return CoreText.Format("Licence.InstallationIdInvalid", payload.InstallationId);
        }

        if (payload.Plugins is null || payload.Plugins.Count == 0) return CoreText.Format("Licence.NoPlugins", id);
        foreach (var plugin in payload.Plugins)
        {
            if (plugin is null || string.IsNullOrWhiteSpace(plugin.Id)) return CoreText.Format("Licence.PluginIdMissing", id);
            if (plugin.Id.Trim() == LicenceJson.AnyPlugin && !payload.Development) return CoreText.Format("Licence.AnyPluginOnlyDevelopment", id);
            if (plugin.ExpiresAt == default) return CoreText.Format("Licence.PluginExpiryMissing", id, plugin.Id);
            if (plugin.GraceDays < 0) return CoreText.Format("Licence.GraceDaysNegative", id, plugin.Id);
        }
        return null;
    }
}
