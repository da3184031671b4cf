using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Pricing;
using Joules.Core.UseCases.Tariffs;
using Joules.Host.Features.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Features.Tariffs.Calculator;

/// <summary>The inputs of the staff tariff calculator.</summary>
public sealed class TariffCalculatorInput
{
    public Guid BrandId { get; set; }
    public Commodity Commodity { get; set; } = Commodity.Electricity;
    public CustomerType CustomerType { get; set; } = CustomerType.Household;
    public string? PostalCode { get; set; }
    public decimal? AnnualKwh { get; set; } = 3500m;
    public int? Persons { get; set; }
    public decimal? PeakLoadKw { get; set; }
    public string? Street { get; set; }
    public string? HouseNumber { get; set; }
    public TariffUsage Usage { get; set; }
}

/// <summary>Staff tariff calculator (DAT-5, DAT-7): a brand's tariffs at an address and consumption with the full
/// breakdown, rank among the competitors and savings against the default supply.</summary>
public partial class TariffCalculatorPage
{
    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = null!;
    [Inject] private IServiceScopeFactory Scopes { get; set; } = null!;

    private IReadOnlyList<BrandOption>? _brands;
    private readonly TariffCalculatorInput _input = new();
    private readonly FormErrors _errors = new();
    private TariffCalculation? _result;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        await using var db = DbFactory.CreateDbContext();
        _brands = await BrandOptions.LoadAsync(db);
        if (_brands.Count > 0) _input.BrandId = _brands[0].Id;
    }

    private void PersonsChanged(int? persons)
    {
        _input.Persons = persons;
        if (persons is not { } p) return;
        _errors.Clear();
        try { _input.AnnualKwh = HouseholdConsumption.Power(p); }
        catch (DomainException ex) { _errors.Add(ex); }
    }

    private Task<IEnumerable<string>> SearchStreets(string? text, CancellationToken ct)
    {
        var streets = (_result?.Streets ?? []).Select(s => s.Name).Distinct();
        return Task.FromResult(string.IsNullOrWhiteSpace(text) ? streets : streets.Where(s => s.Contains(text, StringComparison.OrdinalIgnoreCase)));
    }

    private async Task CalculateAsync()
    {
        _errors.Clear();
        if (string.IsNullOrWhiteSpace(_input.PostalCode)) { _errors.Set(nameof(TariffCalculatorInput.PostalCode), L["PostalCodeRequired"]); return; }
        if (_input.AnnualKwh is not > 0) { _errors.Set(nameof(TariffCalculatorInput.AnnualKwh), L["KwhRequired"]); return; }
        _busy = true;
        try
        {
            // A scope per calculation: the market data store and the queries get a fresh context.
            await using var scope = Scopes.CreateAsyncScope();
            var request = new TariffCalculationRequest(_input.BrandId, _input.Commodity, _input.CustomerType, _input.PostalCode, _input.AnnualKwh.Value,
                string.IsNullOrWhiteSpace(_input.Street) ? null : _input.Street, string.IsNullOrWhiteSpace(_input.HouseNumber) ? null : _input.HouseNumber,
                PeakLoadKw: _input.PeakLoadKw, Usage: _input.Commodity == Commodity.Electricity ? _input.Usage : TariffUsage.General);
            _result = await scope.ServiceProvider.GetRequiredService<CalculateTariffs>().RunAsync(request);
        }
        catch (DomainException ex)
        {
            _result = null;
            var field = ex.Field?.Split('.')[^1];
            if (field is "Commodity" or "AnnualKwh" or "PeakLoadKw") _errors.Set(nameof(TariffCalculatorInput.AnnualKwh), ex.Message);
            else _errors.Add(ex);
        }
        finally
        {
            _busy = false;
        }
    }
}
