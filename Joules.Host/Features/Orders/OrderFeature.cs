using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.MarketData;
using Joules.Core.UseCases.Tariffs;
using Joules.Core.Messaging.Templates;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Orders;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Features.Orders;

/// <summary>Services of the public order funnel (/bestellen/{brandCode}).</summary>
internal static class OrderFeature
{
    public static IServiceCollection AddOrderFeature(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<OrderFunnelService>();
        return services;
    }
}

/// <summary>The brand a funnel sells for, as the page shows it.</summary>
public sealed record FunnelBrand(Guid Id, string Code, string Name, string PrimaryColor, string? LogoUrl, string? LegalName);

/// <summary>Runs the order use cases for the anonymous funnel page: every call in its own scope acting as the brand-bound
/// system user "order-funnel", so the page never sees other brands' data.</summary>
public sealed class OrderFunnelService(IServiceScopeFactory scopes, IHttpContextAccessor http)
{
    /// <summary>The brand with this code, or null.</summary>
    public async Task<FunnelBrand?> BrandAsync(string code, CancellationToken ct = default)
    {
        var normalised = (code ?? "").Trim().ToUpperInvariant();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser(PlaceOrder.ActorName);
        var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        return await db.Brands.AsNoTracking().Where(b => b.Code == normalised)
            .Select(b => new FunnelBrand(b.Id, b.Code, b.Name, b.PrimaryColor, b.LogoUrl, b.LegalName)).SingleOrDefaultAsync(ct);
    }

    /// <summary>Our tariffs priced from the price lists (no market data; fast).</summary>
    public Task<OrderableTariffs> TariffsAsync(Guid brandId, OrderableTariffQuery query, CancellationToken ct = default) =>
        InBrandAsync(brandId, s => new FindOrderableTariffs(s.GetRequiredService<JoulesDbContext>()).RunAsync(query with { BrandId = brandId }, ct));

    /// <summary>Our tariffs enriched with market data: breakdown and savings against the default supply (as the tariff calculator).</summary>
    public Task<OrderableTariffs> CompareAsync(Guid brandId, OrderableTariffQuery query, CancellationToken ct = default) =>
        InBrandAsync(brandId, s => WithMarketData(s).CompareAsync(query with { BrandId = brandId }, ct));

    /// <summary>Whether the address needs a street to find its grid area.</summary>
    public Task<OrderLocation> LocateAsync(Guid brandId, OrderableTariffQuery query, CancellationToken ct = default) =>
        InBrandAsync(brandId, s => WithMarketData(s).LocateAsync(query with { BrandId = brandId }, ct));

    private static FindOrderableTariffs WithMarketData(IServiceProvider s) => new(s.GetRequiredService<JoulesDbContext>(),
        s.GetRequiredService<CalculateTariffs>(), s.GetRequiredService<MarketDataService>(), s.GetRequiredService<ILogger<FindOrderableTariffs>>());

    public Task<PlacedOrder> PlaceAsync(Guid brandId, PlaceOrderCommand command, CancellationToken ct = default)
    {
        // The client's address as the circuit's connection saw it (proof of the order, like the consents).
        var remote = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        return InBrandAsync(brandId, s => new PlaceOrder(s.GetRequiredService<JoulesDbContext>(), s.GetRequiredService<MessageTemplateService>())
            .RunAsync(command with { BrandId = brandId, RemoteAddress = remote }, ct));
    }

    private async Task<T> InBrandAsync<T>(Guid brandId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser(PlaceOrder.ActorName, brandId);
        return await work(scope.ServiceProvider);
    }
}
