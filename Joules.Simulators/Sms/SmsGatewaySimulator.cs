using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Joules.Core.Messaging.Sms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Joules.Simulators.Sms;

/// <summary>Options of the SMS gateway simulator.</summary>
public sealed class SmsGatewaySimulatorOptions
{
    /// <summary>The API key the simulator accepts when none is configured (also the demo key of the SMS plugin).</summary>
    public const string DemoApiKey = "joules-demo-sms-key";

    /// <summary>API keys accepted as <c>Authorization: Bearer &lt;key&gt;</c>; the delivery report of a message is signed
    /// with the key it was sent with.</summary>
    public IList<string> ApiKeys { get; set; } = [DemoApiKey];

    /// <summary>How long after acceptance the delivery report is posted (default 200 ms).</summary>
    public TimeSpan ReportDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a number ending in 0408 makes the sender wait for the answer (default 15 s).</summary>
    public TimeSpan SlowAnswerDelay { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>One request the simulator received (after authentication), and what became of it.</summary>
/// <param name="Id">The gateway's message id (empty when refused).</param>
/// <param name="From">Sender id as sent.</param>
/// <param name="To">Number as sent.</param>
/// <param name="Text">Message text.</param>
/// <param name="Reference">The sender's own reference (Joules: the outbox message id).</param>
/// <param name="CallbackUrl">Where the delivery report goes.</param>
/// <param name="Segments">Parts the text needs.</param>
/// <param name="Encoding">GSM-7 or UCS-2.</param>
/// <param name="ReceivedAt">When the request arrived.</param>
/// <param name="Error">Why it was refused.</param>
/// <param name="Status"><c>refused</c> (400), <c>error</c> (500), <c>accepted</c>, then <c>delivered</c> or <c>undeliverable</c>.</param>
/// <param name="CallbackResult">The HTTP status the callback answered with, or the error, once it was posted.</param>
public sealed record SimulatedSms(string Id, string? From, string? To, string? Text, string? Reference, string? CallbackUrl,
    int Segments, string Encoding, DateTimeOffset ReceivedAt, string Status, string? Error, string? CallbackResult);

/// <summary>A simulated SMS gateway speaking Joules' own documented JSON format (docs/sms.md) under <c>/sms/v1/</c>.
/// Behaviour is deterministic by the last four digits of the number: <c>0000</c> → 400 unknown number, <c>0500</c> → 500,
/// <c>0408</c> → answers after <see cref="SmsGatewaySimulatorOptions.SlowAnswerDelay"/>, <c>0999</c> → accepted but reported
/// undeliverable; every other number is accepted and reported delivered. Reports are posted to the message's
/// <c>callbackUrl</c>, signed with <c>X-Signature: sha256=&lt;hex HMAC-SHA256 of the body, keyed with the API key&gt;</c>.</summary>
public sealed partial class SmsGatewaySimulator(SmsGatewaySimulatorOptions options, IHttpClientFactory clients)
{
    internal const string CallbackClient = "joules-simulator-sms-callback";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<long, SimulatedSms> _messages = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _sequence;

    /// <summary>Every authenticated request so far, oldest first.</summary>
    public IReadOnlyList<SimulatedSms> Messages => _messages.OrderBy(p => p.Key).Select(p => p.Value).ToList();

    /// <summary>Computes the <c>X-Signature</c> header value for <paramref name="body"/> signed with <paramref name="apiKey"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string apiKey) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiKey), body));

    internal void Map(RouteGroupBuilder group)
    {
        group.MapPost("/v1/messages", SendAsync);
        group.MapGet("/v1/messages", () => Results.Json(Messages, Json));
    }

    internal void Stop()
    {
        try { _stopping.Cancel(); } catch (ObjectDisposedException) { }
    }

    private sealed record SendRequest(string? From, string? To, string? Text, string? Reference, string? CallbackUrl);

    private async Task<IResult> SendAsync(HttpRequest request, CancellationToken ct)
    {
        var key = ApiKeyOf(request);
        if (key is null) return Results.Json(new { error = "missing or invalid API key" }, Json, statusCode: 401);

        SendRequest? body;
        try { body = await JsonSerializer.DeserializeAsync<SendRequest>(request.Body, Json, ct); }
        catch (JsonException) { body = null; }
        if (body is null) return Results.Json(new { error = "body is not a JSON message" }, Json, statusCode: 400);

        var error = Validate(body);
        var measure = SmsText.Measure(body.Text);
        if (error is not null) return Refuse(body, measure, "refused", error, 400);

        var to = body.To!;
        if (to.EndsWith("0000", StringComparison.Ordinal)) return Refuse(body, measure, "refused", "unknown number", 400);
        if (to.EndsWith("0500", StringComparison.Ordinal)) return Refuse(body, measure, "error", "internal gateway error", 500);
        if (to.EndsWith("0408", StringComparison.Ordinal)) await Task.Delay(options.SlowAnswerDelay, ct);

        var id = "sim-" + Guid.NewGuid().ToString("N")[..20];
        var seq = Add(new SimulatedSms(id, body.From, to, body.Text, body.Reference, body.CallbackUrl, measure.Segments, measure.Encoding,
            DateTimeOffset.UtcNow, "accepted", null, null));
        var undeliverable = to.EndsWith("0999", StringComparison.Ordinal);
        _ = ReportAsync(seq, key, undeliverable);
        return Results.Json(new { id, segments = measure.Segments, encoding = measure.Encoding }, Json, statusCode: 202);
    }

    private IResult Refuse(SendRequest body, SmsMeasure measure, string status, string error, int code)
    {
        Add(new SimulatedSms("", body.From, body.To, body.Text, body.Reference, body.CallbackUrl, measure.Segments, measure.Encoding,
            DateTimeOffset.UtcNow, status, error, null));
        return Results.Json(new { error }, Json, statusCode: code);
    }

    private long Add(SimulatedSms sms)
    {
        var seq = Interlocked.Increment(ref _sequence);
        _messages[seq] = sms;
        return seq;
    }

    private string? ApiKeyOf(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var auth)
            || !string.Equals(auth.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(auth.Parameter)) return null;
        var given = Encoding.UTF8.GetBytes(auth.Parameter);
        return options.ApiKeys.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), given));
    }

    private static string? Validate(SendRequest body)
    {
        if (string.IsNullOrEmpty(body.To) || !E164().IsMatch(body.To)) return $"'to' must be an E.164 number (+ and 8 to 15 digits), got '{body.To}'";
        if (string.IsNullOrEmpty(body.From) || !(AlphanumericSender().IsMatch(body.From) || NumericSender().IsMatch(body.From)))
            return $"'from' must be 3 to 11 letters or digits, or a number of at most 15 digits, got '{body.From}'";
        if (string.IsNullOrEmpty(body.Text)) return "'text' must not be empty";
        if (body.Text.Length > 1600) return "'text' is longer than 1600 characters";
        if (body.CallbackUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            return $"'callbackUrl' must be an absolute http(s) URL, got '{url}'";
        return null;
    }

    private async Task ReportAsync(long seq, string apiKey, bool undeliverable)
    {
        var ct = _stopping.Token;
        try
        {
            await Task.Delay(options.ReportDelay, ct);
            var sms = _messages[seq];
            var status = undeliverable ? "undeliverable" : "delivered";
            _messages[seq] = sms = sms with { Status = status };
            if (string.IsNullOrEmpty(sms.CallbackUrl)) return;
            var report = JsonSerializer.SerializeToUtf8Bytes(new
            {
                id = sms.Id,
                status,
                detail = undeliverable ? "absent subscriber (simulated)" : "delivered to handset (simulated)",
                at = DateTimeOffset.UtcNow,
            }, Json);
            using var content = new ByteArrayContent(report);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var post = new HttpRequestMessage(HttpMethod.Post, sms.CallbackUrl) { Content = content };
            post.Headers.Add("X-Signature", Sign(report, apiKey));
            string result;
            try
            {
                using var response = await clients.CreateClient(CallbackClient).SendAsync(post, ct);
                result = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException e) { result = e.Message; }
            _messages[seq] = _messages[seq] with { CallbackResult = result };
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^[A-Za-z0-9]{3,11}$")]
    private static partial Regex AlphanumericSender();

    [GeneratedRegex(@"^\+?[0-9]{1,15}$")]
    private static partial Regex NumericSender();
}
