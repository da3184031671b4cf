using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Joules.Plugins.Newsletter.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Tracking;

/// <summary>Creates and checks the tokens in newsletter links: 16 bytes (purpose, variant, link index, reference id,
/// subscriber id) encrypted as one AES block, so a token reveals nothing, followed by 10 bytes of HMAC-SHA256 over the
/// cipher text, so a token cannot be forged or altered. Base64url, 35 characters. The installation's 64-byte key is
/// created on first use and stored protected with Data Protection.</summary>
public sealed class TokenSigner(IServiceScopeFactory scopes, IDataProtectionProvider protection)
{
    private const int BlockLength = 16;
    private const int MacLength = 10;
    private const int TokenBytes = BlockLength + MacLength;
    private const long MaxReference = (1L << 40) - 1;
    private const long MaxSubscriber = (1L << 48) - 1;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Keys? _keys;

    private sealed record Keys(Aes Aes, byte[] MacKey);

    // One HMAC per thread and key: the one-shot HashData derives the key's inner and outer pads on every call.
    [ThreadStatic] private static HMACSHA256? t_mac;
    [ThreadStatic] private static byte[]? t_macKey;

    private static void Mac(Keys keys, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        if (!ReferenceEquals(t_macKey, keys.MacKey))
        {
            t_mac?.Dispose();
            t_mac = new HMACSHA256(keys.MacKey);
            t_macKey = keys.MacKey;
        }
        if (!t_mac!.TryComputeHash(data, mac, out _)) throw new CryptographicException("HMAC failed.");
    }

    /// <summary>Loads (or creates) the key; call once before the first <see cref="Create"/> or <see cref="TryRead"/>.</summary>
    public async ValueTask InitialiseAsync(CancellationToken ct = default)
    {
        if (_keys is not null) return;
        await _loading.WaitAsync(ct);
        try
        {
            if (_keys is not null) return;
            var secret = await LoadOrCreateSecretAsync(ct);
            var aes = Aes.Create();
            aes.Key = secret[..32];
            _keys = new Keys(aes, secret[32..]);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The token for <paramref name="token"/>.</summary>
    public string Create(TrackingToken token)
    {
        var keys = _keys ?? throw new InvalidOperationException("TokenSigner.InitialiseAsync has not run.");
        if (token.Reference is < 0 or > MaxReference) throw new ArgumentOutOfRangeException(nameof(token), "Reference id out of range.");
        if (token.SubscriberId is < 0 or > MaxSubscriber) throw new ArgumentOutOfRangeException(nameof(token), "Subscriber id out of range.");
        if (token.LinkIndex is < 0 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(token), "Link index out of range.");
        Span<byte> plain = stackalloc byte[BlockLength];
        plain[0] = (byte)token.Purpose;
        plain[1] = token.Variant;
        BinaryPrimitives.WriteUInt16BigEndian(plain[2..], (ushort)token.LinkIndex);
        WriteUInt40(plain[4..], token.Reference);
        WriteUInt48(plain[9..], token.SubscriberId);
        plain[15] = 0x4A;   // fixed marker: a decrypted block without it was not made by us
        Span<byte> bytes = stackalloc byte[TokenBytes];
        keys.Aes.EncryptEcb(plain, bytes[..BlockLength], PaddingMode.None);
        Span<byte> mac = stackalloc byte[32];
        Mac(keys, bytes[..BlockLength], mac);
        mac[..MacLength].CopyTo(bytes[BlockLength..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads a token; false for anything not made with this installation's key (forged, altered, truncated).</summary>
    public bool TryRead(ReadOnlySpan<char> text, out TrackingToken token)
    {
        token = default;
        var keys = _keys ?? throw new InvalidOperationException("TokenSigner.InitialiseAsync has not run.");
        if (text.Length != Base64Url.GetEncodedLength(TokenBytes)) return false;
        Span<byte> bytes = stackalloc byte[TokenBytes];
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != TokenBytes) return false;
        }
        catch (FormatException)
        {
            return false;
        }
        // The last character carries two unused bits: only the canonical spelling is accepted.
        Span<char> canonical = stackalloc char[text.Length];
        if (!Base64Url.TryEncodeToChars(bytes, canonical, out _) || !canonical.SequenceEqual(text)) return false;
        Span<byte> mac = stackalloc byte[32];
        Mac(keys, bytes[..BlockLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], bytes[BlockLength..])) return false;
        Span<byte> plain = stackalloc byte[BlockLength];
        keys.Aes.DecryptEcb(bytes[..BlockLength], plain, PaddingMode.None);
        if (plain[15] != 0x4A || plain[0] is < (byte)TokenPurpose.Open or > (byte)TokenPurpose.Confirm) return false;
        token = new TrackingToken((TokenPurpose)plain[0], ReadUInt40(plain[4..]), ReadUInt48(plain[9..]), plain[1],
            BinaryPrimitives.ReadUInt16BigEndian(plain[2..]));
        return true;
    }

    private async Task<byte[]> LoadOrCreateSecretAsync(CancellationToken ct)
    {
        var protector = protection.CreateProtector("Joules.Newsletter.TokenKey");
        await using var scope = scopes.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<NewsletterDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.SigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == 1, ct);
        if (stored is not null) return Convert.FromBase64String(protector.Unprotect(stored.ProtectedKey));
        var secret = RandomNumberGenerator.GetBytes(64);
        db.SigningKeys.Add(new SigningKey { Id = 1, ProtectedKey = protector.Protect(Convert.ToBase64String(secret)) });
        try
        {
            await db.SaveChangesAsync(ct);
            return secret;
        }
        catch (DbUpdateException)
        {
            // Another instance created it first.
            await using var again = await factory.CreateDbContextAsync(ct);
            var winner = await again.SigningKeys.AsNoTracking().FirstAsync(k => k.Id == 1, ct);
            return Convert.FromBase64String(protector.Unprotect(winner.ProtectedKey));
        }
    }

    private static void WriteUInt40(Span<byte> target, long value)
    {
        for (var i = 4; i >= 0; i--) { target[i] = (byte)value; value >>= 8; }
    }

    private static void WriteUInt48(Span<byte> target, long value)
    {
        for (var i = 5; i >= 0; i--) { target[i] = (byte)value; value >>= 8; }
    }

    private static long ReadUInt40(ReadOnlySpan<byte> source)
    {
        long value = 0;
        for (var i = 0; i < 5; i++) value = (value << 8) | source[i];
        return value;
    }

    private static long ReadUInt48(ReadOnlySpan<byte> source)
    {
        long value = 0;
        for (var i = 0; i < 6; i++) value = (value << 8) | source[i];
        return value;
    }
}
