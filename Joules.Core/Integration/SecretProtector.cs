using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Joules.Core.Integration;

/// <summary>Encrypts secrets stored in the database (API keys, passwords, webhook URLs) with ASP.NET Core Data
/// Protection, one purpose per kind of secret so a cipher of one kind cannot be read as another. Clear secrets are
/// never logged; <see cref="Unprotect"/> answers null when the key ring that encrypted a secret is gone, so the
/// caller can ask the administrator to enter it again.</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    /// <summary>The cipher text to store for <paramref name="secret"/>; null for an empty secret.</summary>
    /// <param name="purpose">What the secret is, e.g. <c>Joules.Credit.schufa.ApiKey</c>.</param>
    /// <param name="secret">The clear secret.</param>
    public string? Protect(string purpose, string? secret) =>
        string.IsNullOrEmpty(secret) ? null : provider.CreateProtector(purpose).Protect(secret);

    /// <summary>The clear secret, or null when none is stored or it cannot be decrypted any more.</summary>
    public string? Unprotect(string purpose, string? cipher)
    {
        if (string.IsNullOrEmpty(cipher)) return null;
        try { return provider.CreateProtector(purpose).Unprotect(cipher); }
        catch (CryptographicException) { return null; }
    }
}
