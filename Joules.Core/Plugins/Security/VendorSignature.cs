using System.Security.Cryptography;

namespace Joules.Core.Plugins.Security;

/// <summary>ECDSA P-256 / SHA-256 signatures used for plugin packages and licence files. Public keys are
/// exchanged as PEM ("-----BEGIN PUBLIC KEY-----", SubjectPublicKeyInfo) and identified by a key id.</summary>
public static class VendorSignature
{
    /// <summary>Name of the algorithm as written into signature files.</summary>
    public const string Algorithm = "ECDSA-P256-SHA256";

    /// <summary>Creates a new P-256 key pair.</summary>
    public static ECDsa CreateKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>Signs <paramref name="data"/>; the signature is in IEEE P1363 format, Base64-encoded.</summary>
    public static string Sign(ReadOnlySpan<byte> data, ECDsa privateKey) =>
        Convert.ToBase64String(privateKey.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <summary>True if <paramref name="signatureBase64"/> is a valid signature of <paramref name="data"/> by <paramref name="publicKey"/>.
    /// Malformed Base64 counts as invalid.</summary>
    public static bool Verify(ReadOnlySpan<byte> data, string signatureBase64, ECDsa publicKey)
    {
        Span<byte> signature = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signatureBase64, signature, out var length) || length != 64) return false;
        return publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Loads a public key from PEM; throws <see cref="CryptographicException"/> if it is not a P-256 key.</summary>
    public static ECDsa ImportPublicKey(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256) throw new CryptographicException("Only P-256 keys are accepted.");
        return key;
    }

    /// <summary>The public half of <paramref name="key"/> as PEM.</summary>
    public static string ExportPublicKey(ECDsa key) => key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A short stable id of a public key: the first 16 hex digits of the SHA-256 of its SubjectPublicKeyInfo.</summary>
    public static string KeyId(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
}
