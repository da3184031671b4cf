using System.Net;
using System.Net.Sockets;
using System.Text;
using Joules.Core.Domain.Common;
using Joules.Core.Messaging.Outbox;

namespace Joules.Core.Messaging.Messenger;

/// <summary>Posts JSON to an incoming webhook and turns every failure into a <see cref="MessageDeliveryException"/> whose
/// German message names the host and the cause, never the URL's path (which holds the webhook's secret).</summary>
public sealed class MessengerWebhookClient(IHttpClientFactory clients)
{
    /// <summary>The name of the <see cref="HttpClient"/> (10 s timeout, no redirects, no request logging).</summary>
    public const string ClientName = "Joules.Messenger";

    /// <summary>How long a webhook may take to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Posts <paramref name="json"/> to <paramref name="url"/> with an <c>Idempotency-Key</c> header.
    /// 2xx is success; 400/401/403/404/410 (and other 3xx/4xx) are permanent failures; 408, 429, 5xx, time-outs and
    /// connection errors are transient.</summary>
    /// <param name="url">The webhook URL (secret).</param>
    /// <param name="host">What to name in messages (<see cref="Domain.Messaging.MessengerChannel.UrlHost"/>).</param>
    /// <param name="json">The body.</param>
    /// <param name="idempotencyKey">Sent as <c>Idempotency-Key</c>.</param>
    /// <param name="ct">Cancels the post (not counted as a time-out).</param>
    /// <exception cref="MessageDeliveryException">The webhook did not accept the post.</exception>
    public async Task PostAsync(string url, string host, string json, string idempotencyKey, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new MessageDeliveryException(CoreText.Format("Messenger.UrlInvalid", host), permanent: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        var client = clients.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new MessageDeliveryException(CoreText.Format("Messenger.Timeout", host, (int)Timeout.TotalSeconds), permanent: false, Scrub(ex));
        }
        catch (HttpRequestException ex)
        {
            throw new MessageDeliveryException(CoreText.Format("Messenger.Unreachable", host, Cause(ex)), permanent: false, Scrub(ex));
        }
        using (response)
        {
            var code = (int)response.StatusCode;
            if (code is >= 200 and < 300) return;
            var detail = await DetailAsync(response, uri, ct);
            var reason = StatusText(response.StatusCode);
            var transient = MessageDeliveryException.IsTransient(response.StatusCode);
            var text = CoreText.Format(transient ? "Messenger.StatusTransient" : "Messenger.StatusPermanent", host, code, reason);
            if (detail.Length > 0) text += " " + CoreText.Format("Messenger.ResponseDetail", detail);
            throw new MessageDeliveryException(text, permanent: !transient);
        }
    }

    // Exceptions from the handler may carry the request URI in their message; keep only the type and a safe message.
    private static Exception? Scrub(Exception ex) => new InvalidOperationException(ex.GetType().Name);

    private static string Cause(HttpRequestException ex)
    {
        var socket = ex.InnerException as SocketException ?? ex.InnerException?.InnerException as SocketException;
        if (socket?.SocketErrorCode == SocketError.ConnectionRefused) return CoreText.Get("Messenger.Cause.Refused");
        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => CoreText.Get("Messenger.Cause.NameResolution"),
            HttpRequestError.SecureConnectionError => CoreText.Get("Messenger.Cause.Tls"),
            HttpRequestError.ConnectionError when socket?.SocketErrorCode is SocketError.HostUnreachable or SocketError.NetworkUnreachable =>
                CoreText.Get("Messenger.Cause.HostUnreachable"),
            HttpRequestError.ConnectionError => CoreText.Get("Messenger.Cause.Connection"),
            HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse => CoreText.Get("Messenger.Cause.InvalidResponse"),
            _ => CoreText.Get("Messenger.Cause.Connection"),
        };
    }

    private static string StatusText(HttpStatusCode status) => (int)status switch
    {
        400 => CoreText.Get("Messenger.Status.400"),
        401 => CoreText.Get("Messenger.Status.401"),
        403 => CoreText.Get("Messenger.Status.403"),
        404 => CoreText.Get("Messenger.Status.404"),
        410 => CoreText.Get("Messenger.Status.410"),
        408 => CoreText.Get("Messenger.Status.408"),
        429 => CoreText.Get("Messenger.Status.429"),
        >= 300 and < 400 => CoreText.Get("Messenger.Status.3xx"),
        >= 500 => CoreText.Get("Messenger.Status.5xx"),
        _ => status.ToString(),
    };

    /// <summary>The start of the response body (Slack says "invalid_token", "channel_not_found"), on one line, with the
    /// URL's path removed should the receiver echo it.</summary>
    private static async Task<string> DetailAsync(HttpResponseMessage response, Uri uri, CancellationToken ct)
    {
        string body;
        try { body = await response.Content.ReadAsStringAsync(ct); }
        catch (Exception) { return ""; }
        body = string.Join(' ', body.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (uri.AbsolutePath.Length > 1) body = body.Replace(uri.AbsolutePath, "/…", StringComparison.Ordinal);
        if (uri.Query.Length > 1) body = body.Replace(uri.Query, "?…", StringComparison.Ordinal);
        return body.Length > 200 ? body[..200] + "…" : body;
    }
}
