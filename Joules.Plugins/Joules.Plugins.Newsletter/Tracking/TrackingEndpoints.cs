using Joules.Plugins.Newsletter.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Joules.Plugins.Newsletter.Tracking;

/// <summary>The open pixel (<c>GET /o/{token}</c>) and the click redirect (<c>GET /c/{token}</c>). Both only read memory
/// (the token, the cached campaign) and hand the hit to the <see cref="TrackingWriter"/>; neither waits for the database.
/// <list type="bullet">
/// <item>Open: always answers the 43-byte transparent GIF (a mail client should not show a broken image), records an
/// open only for a valid open token.</item>
/// <item>Click: a valid click token of an existing campaign link answers 302 to exactly that link; anything else (forged,
/// altered, truncated, another purpose, a link index the mail does not have) answers 404 without a Location header and
/// records nothing.</item>
/// </list>
/// HEAD requests are answered the same way and recorded as machine hits.</summary>
public sealed class TrackingEndpoints(TokenSigner signer, CampaignDirectory campaigns, TrackingWriter writer, TimeProvider time)
{
    /// <summary>The smallest transparent 1×1 GIF (GIF89a, 43 bytes).</summary>
    public static ReadOnlyMemory<byte> Pixel { get; } = new byte[]
    {
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    };

    private static readonly StringValues GifType = new("image/gif");
    private static readonly StringValues NoStore = new("no-store, no-cache, must-revalidate, max-age=0");
    private static readonly StringValues NoCache = new("no-cache");

    /// <summary>Maps both endpoints (GET and HEAD) on <paramref name="routes"/>.</summary>
    public void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder routes)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        // Short-circuit: once routing has matched, the endpoint runs at once, without the rest of the host's middleware
        // (localisation, authentication, antiforgery, per-request plugin scope). The handlers need none of it: they are
        // anonymous and use only the singletons captured here.
        routes.MapMethods("/o/{token}", methods, OpenAsync).WithDisplayName("Newsletter open pixel").ShortCircuit();
        routes.MapMethods("/c/{token}", methods, ClickAsync).WithDisplayName("Newsletter click redirect").ShortCircuit();
    }

    public async Task OpenAsync(HttpContext context)
    {
        var response = context.Response;
        await signer.InitialiseAsync(context.RequestAborted);
        if (signer.TryRead(TokenOf(context), out var token) && token.Purpose == TokenPurpose.Open
            && await campaigns.GetAsync(token.CampaignId, context.RequestAborted) is { } campaign)
        {
            Record(context, campaign, token, TrackingKind.Open, null);
        }
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        headers.ContentType = GifType;
        headers.CacheControl = NoStore;
        headers.Pragma = NoCache;
        response.ContentLength = Pixel.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(Pixel, context.RequestAborted);
    }

    public async Task ClickAsync(HttpContext context)
    {
        var response = context.Response;
        await signer.InitialiseAsync(context.RequestAborted);
        if (signer.TryRead(TokenOf(context), out var token) && token.Purpose == TokenPurpose.Click
            && await campaigns.GetAsync(token.CampaignId, context.RequestAborted) is { } campaign)
        {
            var url = campaign.Link(token.Variant, token.LinkIndex)
                      ?? await campaigns.LinkAsync(token.CampaignId, token.Variant, token.LinkIndex, context.RequestAborted);
            if (url is not null)
            {
                Record(context, campaign, token, TrackingKind.Click, token.LinkIndex);
                response.StatusCode = StatusCodes.Status302Found;
                response.Headers.Location = url;
                response.Headers.CacheControl = NoStore;
                return;
            }
        }
        response.StatusCode = StatusCodes.Status404NotFound;
    }

    private static ReadOnlySpan<char> TokenOf(HttpContext context)
    {
        // The route is /…/o/{token}: the token is the last path segment (no route value dictionary lookup needed).
        var path = context.Request.Path.Value.AsSpan();
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    private void Record(HttpContext context, CampaignInfo campaign, TrackingToken token, TrackingKind kind, int? link)
    {
        var request = context.Request;
        var machine = MachineDetector.IsMachine(HttpMethods.IsHead(request.Method), request.Headers.UserAgent.ToString(),
            context.Connection.RemoteIpAddress, kind == TrackingKind.Open);
        writer.TryEnqueue(new TrackingHit(campaign.BrandId, token.CampaignId, token.SubscriberId > 0 ? token.SubscriberId : null, kind,
            token.Variant, link, machine, time.GetUtcNow()));
    }
}
