using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Joules.Plugins.Sms;

/// <summary>Joules' own documented JSON for SMS gateways (docs/sms.md). This is not the format of any particular vendor:
/// a real gateway is connected through a small adapter that speaks it.</summary>
public static class SmsWire
{
    /// <summary>Path below the gateway URL that messages are posted to.</summary>
    public const string MessagesPath = "v1/messages";

    /// <summary>Header carrying the signature of a delivery report.</summary>
    public const string SignatureHeader = "X-Signature";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary><c>POST {url}/v1/messages</c> with <c>Authorization: Bearer &lt;API key&gt;</c>.</summary>
    public sealed record SendRequest(string From, string To, string Text, string Reference, string? CallbackUrl);

    /// <summary>The answer 202 Accepted.</summary>
    public sealed record SendAccepted(string? Id, int? Segments, string? Encoding);

    /// <summary>The answer to a refused request (4xx/5xx).</summary>
    public sealed record ErrorAnswer(string? Error);

    /// <summary>What the gateway posts to the callback URL.</summary>
    public sealed record DeliveryReport(string? Id, string? Status, string? Detail, DateTimeOffset? At);

    /// <summary><c>sha256=&lt;lower-case hex HMAC-SHA256 of the raw body, keyed with the API key (UTF-8)&gt;</c>.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string apiKey) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiKey), body));

    /// <summary>True if <paramref name="signature"/> is the signature of <paramref name="body"/> with <paramref name="apiKey"/>
    /// (compared in constant time).</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string? signature, string apiKey)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(body, apiKey));
        var given = Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
