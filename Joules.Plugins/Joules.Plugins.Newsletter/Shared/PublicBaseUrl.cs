using Joules.Plugins.Newsletter.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Shared;

/// <summary>The public address links in a brand's mails start with: the brand's newsletter settings, else the setting
/// <c>Plugins:joules.newsletter:PublicBaseUrl</c>, else the address this server listens on (development).</summary>
public sealed class PublicBaseUrl(IServiceScopeFactory scopes, IConfiguration configuration, IServer server)
{
    public async Task<string> ForBrandAsync(Guid brandId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<NewsletterDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var configured = await db.Settings.AsNoTracking().IgnoreQueryFilters().Where(s => s.BrandId == brandId)
            .Select(s => s.PublicBaseUrl).FirstOrDefaultAsync(ct);
        return !string.IsNullOrWhiteSpace(configured) ? configured.TrimEnd('/') : Fallback();
    }

    /// <summary>The installation-wide address.</summary>
    public string Fallback()
    {
        var setting = configuration[$"Plugins:{NewsletterPlugin.Id}:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(setting)) return setting.TrimEnd('/');
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        return address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
