using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Tenancy;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Audiences.Public;

/// <summary>What the public newsletter pages (subscribe, confirm, preferences, unsubscribe) share: they are anonymous, so
/// they act as the plugin (the brand comes from the address or the signed token), look the brand up in Core, count
/// submissions per client address and record the client address and user agent as the proof of a subscription.</summary>
public sealed class PublicPageContext(CurrentUserAccessor user, IDbContextFactory<JoulesDbContext> core, SubscribeRateLimit rateLimit,
    TokenSigner signer, PublicSubscriptions subscriptions)
{
    /// <summary>Acts as the plugin for the rest of the request.</summary>
    public void ActAsPlugin() => user.User = new SystemUser("plugin:" + NewsletterPlugin.Id);

    /// <summary>Acts as the plugin and loads the token key, for pages that read a signed token.</summary>
    public async Task EnterWithTokenAsync()
    {
        ActAsPlugin();
        await signer.InitialiseAsync();
    }

    /// <summary>The brand with <paramref name="code"/> (any case), or null.</summary>
    public async Task<Brand?> BrandByCodeAsync(string code)
    {
        await using var db = await core.CreateDbContextAsync();
        var upper = code.Trim().ToUpperInvariant();
        return await db.Brands.AsNoTracking().FirstOrDefaultAsync(b => b.Code.ToUpper() == upper);
    }

    /// <summary>The name of the brand with <paramref name="id"/>, or "" if there is none.</summary>
    public async Task<string> BrandNameAsync(Guid id)
    {
        await using var db = await core.CreateDbContextAsync();
        return await db.Brands.Where(b => b.Id == id).Select(b => b.Name).FirstOrDefaultAsync() ?? "";
    }

    /// <summary>Counts a submission from the request's client address; false if that address is over the limit.</summary>
    public bool TryAcquire(HttpContext http) => rateLimit.TryAcquire(ClientIp(http));

    /// <summary>Asks for a subscription (sends the confirmation mail) with the request's client address and user agent as
    /// the proof; the request's own Ip and UserAgent are replaced.</summary>
    public async Task SubscribeAsync(HttpContext http, SubscribeRequest request)
    {
        await signer.InitialiseAsync();
        await subscriptions.SubscribeAsync(request with { Ip = ClientIp(http), UserAgent = http.Request.Headers.UserAgent.ToString() });
    }

    private static string? ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();
}
