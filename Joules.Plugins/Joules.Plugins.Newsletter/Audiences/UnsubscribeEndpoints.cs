using Joules.Plugins.Newsletter.Audiences.Public;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>The unsubscribe address of every mail (<c>/plugins/joules.newsletter/u/{token}</c>): POST unsubscribes at once
/// (RFC 8058 one-click with the body <c>List-Unsubscribe=One-Click</c>, or the button of the unsubscribe page), GET
/// changes nothing and leads to the page that asks first (link scanners and prefetchers only GET).</summary>
public static class UnsubscribeEndpoints
{
    public const string OneClickChannel = "one-click";
    public const string LinkChannel = "link";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/u/{token}", async (string token, HttpRequest request, PublicPageContext page, PublicSubscriptions subscriptions,
            CancellationToken ct) =>
        {
            await page.EnterWithTokenAsync();   // anonymous: the signed token authorises
            var channel = LinkChannel;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                if (string.Equals(form["List-Unsubscribe"], "One-Click", StringComparison.Ordinal)) channel = OneClickChannel;
            }
            var result = await subscriptions.UnsubscribeAsync(token, channel, ct);
            return result is null
                ? Results.NotFound()
                : Results.Text(result.ListNames.Count == 0 ? "Abgemeldet. / Unsubscribed." : $"Abgemeldet: {string.Join(", ", result.ListNames)} / Unsubscribed.",
                    "text/plain; charset=utf-8");
        }).DisableAntiforgery();

        endpoints.MapGet("/u/{token}", (string token) =>
            Results.Redirect($"/newsletter/abmelden/{Uri.EscapeDataString(token)}", permanent: false));
    }
}
