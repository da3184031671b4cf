using Joules.Core.Data;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Tariffs;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Features.Calculator;

/// <summary>The brand a public calculator calculates for, as the page shows it.</summary>
public sealed record WidgetBrand(Guid Id, string Code, string Name, string PrimaryColor, string? LogoUrl);

/// <summary>What the public calculator page needs from the server.</summary>
public interface ICalculatorWidgetBackend
{
    /// <summary>The brand with this code, or null.</summary>
    Task<WidgetBrand?> BrandAsync(string code, CancellationToken ct = default);

    /// <summary>Runs the tariff calculator for the brand.</summary>
    /// <exception cref="CalculationLimitExceededException">The client address has used up its calculations for now.</exception>
    /// <exception cref="Joules.Core.Domain.Common.DomainException">Invalid input; the message names the field.</exception>
    Task<TariffCalculation> CalculateAsync(WidgetBrand brand, TariffCalculationRequest request, CancellationToken ct = default);
}

/// <summary>Runs the brand lookup and <see cref="CalculateTariffs"/> for the anonymous calculator page: every call in its own
/// scope acting as the brand-bound system user "calculator-widget", after the per-client rate limit.</summary>
public sealed class CalculatorWidgetService(IServiceScopeFactory scopes, IHttpContextAccessor http, WidgetRateLimiter limiter) : ICalculatorWidgetBackend
{
    public const string ActorName = "calculator-widget";

    public async Task<WidgetBrand?> BrandAsync(string code, CancellationToken ct = default)
    {
        var normalised = (code ?? "").Trim().ToUpperInvariant();
        if (normalised.Length == 0) return null;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser(ActorName);
        var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        return await db.Brands.AsNoTracking().Where(b => b.Code == normalised)
            .Select(b => new WidgetBrand(b.Id, b.Code, b.Name, b.PrimaryColor, b.LogoUrl)).SingleOrDefaultAsync(ct);
    }

    public async Task<TariffCalculation> CalculateAsync(WidgetBrand brand, TariffCalculationRequest request, CancellationToken ct = default)
    {
        if (!limiter.TryAcquire(ClientAddress())) throw new CalculationLimitExceededException();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser(ActorName, brand.Id);
        return await scope.ServiceProvider.GetRequiredService<CalculateTariffs>().RunAsync(request with { BrandId = brand.Id }, ct);
    }

    // The circuit's scope is created while its connection's request is current: keep the address from then, because
    // later calls may run where no request is current (all clients without an address share one allowance).
    private readonly string? _addressAtStart = http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    private string ClientAddress() => http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? _addressAtStart ?? "unknown";
}
