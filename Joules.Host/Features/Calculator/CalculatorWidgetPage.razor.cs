using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Pricing;
using Joules.Core.UseCases.Tariffs;
using Joules.Host.Features.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Joules.Host.Features.Calculator;

/// <summary>The inputs of the public calculator.</summary>
public sealed class WidgetInput
{
    public Commodity Commodity { get; set; } = Commodity.Electricity;
    public CustomerType CustomerType { get; set; } = CustomerType.Household;
    public string? PostalCode { get; set; }
    public decimal? AnnualKwh { get; set; }
    public int? Persons { get; set; }
    public decimal? PeakLoadKw { get; set; }
    public string? Street { get; set; }
    public string? HouseNumber { get; set; }
    public TariffUsage Usage { get; set; }

    public WidgetInput Copy() => (WidgetInput)MemberwiseClone();
}

/// <summary>The public, embeddable tariff calculator of one brand (/rechner/{brand}): a customer enters commodity,
/// customer type, postal code and consumption and sees the brand's tariffs with first-year cost, instalment, bonuses,
/// savings against the default supply and rank, each with a link into the order funnel.</summary>
public partial class CalculatorWidgetPage : IAsyncDisposable
{
    [Inject] private ICalculatorWidgetBackend Widget { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Parameter] public string BrandCode { get; set; } = "";

    /// <summary>"1" when the page runs inside the iframe of einbetten.js.</summary>
    [SupplyParameterFromQuery(Name = "embed")] public string? Embed { get; set; }

    private bool IsEmbedded => Embed is "1" or "true";

    private WidgetBrand? _brand;
    private bool _notFound, _busy, _limited, _heightReported;
    private MudTheme _theme = new();
    private readonly WidgetInput _input = new() { AnnualKwh = 2500m, Persons = 2 };
    private WidgetInput? _calculated;
    private TariffCalculation? _result;
    private readonly FormErrors _errors = new();
    private IJSObjectReference? _module;

    protected override async Task OnParametersSetAsync()
    {
        if (_brand is not null && string.Equals(_brand.Code, BrandCode, StringComparison.OrdinalIgnoreCase)) return;
        _brand = await Widget.BrandAsync(BrandCode);
        _notFound = _brand is null;
        if (_brand is not null)
            _theme = new MudTheme { PaletteLight = new PaletteLight { Primary = _brand.PrimaryColor, AppbarBackground = _brand.PrimaryColor } };
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_heightReported || !IsEmbedded) return;
        _heightReported = true;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Calculator/CalculatorWidgetPage.razor.js");
            await _module.InvokeVoidAsync("reportHeight", EmbedScript.HeightMessage);
        }
        catch (JSDisconnectedException) { }
    }

    private void CommodityChanged(Commodity commodity)
    {
        _input.Commodity = commodity;
        if (commodity == Commodity.Gas) _input.Persons = null;
        Reset();
    }

    private void CustomerTypeChanged(CustomerType type)
    {
        _input.CustomerType = type;
        if (type == CustomerType.Household) _input.PeakLoadKw = null;
        Reset();
    }

    private void PostalCodeChanged(string? postalCode)
    {
        if (string.Equals(postalCode?.Trim(), _input.PostalCode?.Trim(), StringComparison.Ordinal)) return;
        _input.PostalCode = postalCode;
        // Another postal code: the street asked for the previous one no longer applies.
        _input.Street = null;
        _input.HouseNumber = null;
        Reset();
    }

    private void KwhChanged(decimal? kwh)
    {
        _input.AnnualKwh = kwh;
        _input.Persons = null;
    }

    private void ChoosePersons(int persons)
    {
        _errors.Clear();
        try
        {
            _input.AnnualKwh = HouseholdConsumption.Power(persons);
            _input.Persons = persons;
        }
        catch (DomainException ex) { _errors.Set(nameof(WidgetInput.AnnualKwh), ex.Message); }
    }

    private void Reset()
    {
        _result = null;
        _errors.Clear();
        _limited = false;
    }

    private Task<IEnumerable<string>> SearchStreets(string? text, CancellationToken ct)
    {
        var streets = (_result?.Streets ?? []).Select(s => s.Name).Distinct();
        return Task.FromResult(string.IsNullOrWhiteSpace(text) ? streets : streets.Where(s => s.Contains(text, StringComparison.OrdinalIgnoreCase)));
    }

    private bool AsksStreet => _result?.NeedsStreet == true || !string.IsNullOrWhiteSpace(_input.Street);

    private async Task CalculateAsync()
    {
        if (_busy || _brand is null) return;
        _errors.Clear();
        _limited = false;
        if (string.IsNullOrWhiteSpace(_input.PostalCode)) _errors.Set(nameof(WidgetInput.PostalCode), L["PostalCodeRequired"]);
        if (_input.AnnualKwh is not > 0) _errors.Set(nameof(WidgetInput.AnnualKwh), L["KwhRequired"]);
        if (_result?.NeedsStreet == true && string.IsNullOrWhiteSpace(_input.Street)) _errors.Set(nameof(WidgetInput.Street), L["StreetRequired"]);
        if (_errors.Any) return;
        _busy = true;
        try
        {
            var input = _input.Copy();
            var request = new TariffCalculationRequest(_brand.Id, input.Commodity, input.CustomerType, input.PostalCode!.Trim(), input.AnnualKwh!.Value,
                Blank(input.Street), Blank(input.HouseNumber),
                PeakLoadKw: input.CustomerType == CustomerType.Business ? input.PeakLoadKw : null,
                Usage: input.Commodity == Commodity.Electricity && input.CustomerType == CustomerType.Household ? input.Usage : TariffUsage.General);
            _result = await Widget.CalculateAsync(_brand, request);
            _calculated = input;
        }
        catch (CalculationLimitExceededException)
        {
            _limited = true;
        }
        catch (DomainException ex)
        {
            _result = null;
            var field = ex.Field?.Split('.')[^1];
            switch (field)
            {
                case "Commodity" or "AnnualKwh": _errors.Set(nameof(WidgetInput.AnnualKwh), ex.Message); break;
                case "PeakLoadKw": _errors.Set(nameof(WidgetInput.PeakLoadKw), ex.Message); break;
                case "PostalCode" or "Street" or "HouseNumber": _errors.Set(field, ex.Message); break;
                default: _errors.Add(ex); break;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The funnel link for <paramref name="tariff"/> with the inputs of the shown result; null for business
    /// customers, whom the funnel does not serve (they are asked to get in touch).</summary>
    internal string? OrderUrl(CalculatedTariff tariff)
    {
        var c = _calculated!;
        if (c.CustomerType != CustomerType.Household) return null;
        var usage = c.Commodity == Commodity.Electricity ? c.Usage : TariffUsage.General;
        return OrderLink.For(_brand!.Code, c.PostalCode!, c.Commodity, c.AnnualKwh!.Value, tariff.Code, Blank(c.Street), Blank(c.HouseNumber), usage);
    }

    /// <summary>A heating's consumption does not follow from the household size.</summary>
    private void UsageChanged(TariffUsage usage)
    {
        _input.Usage = usage;
        if (usage != TariffUsage.General) _input.Persons = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null) return;
        try { await _module.DisposeAsync(); }
        catch (JSDisconnectedException) { }
    }
}
