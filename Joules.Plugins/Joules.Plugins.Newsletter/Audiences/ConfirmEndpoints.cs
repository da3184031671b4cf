using Joules.Plugins.Newsletter.Audiences.Public;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>The double opt-in confirmation (<c>POST /plugins/joules.newsletter/confirm/{token}</c>, the button of the
/// confirmation page): confirms with the caller's IP as proof and leads back to the page, which then says "confirmed".
/// The link in the mail only opens the page: link scanners and prefetchers GET every link of a mail, and a GET that
/// confirmed would record their visit as the owner's consent.</summary>
public static class ConfirmEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/confirm/{token}", async (string token, HttpContext http, PublicPageContext page, PublicSubscriptions subscriptions,
            CancellationToken ct) =>
        {
            await page.EnterWithTokenAsync();   // anonymous: the signed token authorises
            var result = await subscriptions.ConfirmAsync(token, http.Connection.RemoteIpAddress?.ToString(), ct);
            return result.Outcome == ConfirmOutcome.Invalid
                ? Results.NotFound()
                : Results.Redirect($"/newsletter/bestaetigen/{Uri.EscapeDataString(token)}", permanent: false);
        }).DisableAntiforgery();   // the token in the address is the secret; no session or cookie is involved
    }
}
