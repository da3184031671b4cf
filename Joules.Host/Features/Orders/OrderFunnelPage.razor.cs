using Joules.Core.Domain.Tariffs;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.UseCases.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Joules.Host.Features.Orders;

/// <summary>The public order funnel of one brand: calculator → tariff → customer → delivery point → payment → summary →
/// order. The draft lives in protected session storage so a reload restores the step and the inputs.</summary>
public partial class OrderFunnelPage : IDisposable
{
    [Inject] private OrderFunnelService Funnel { get; set; } = null!;
    [Inject] private ProtectedSessionStorage Storage { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ILogger<OrderFunnelPage> Log { get; set; } = null!;

    [Parameter] public string BrandCode { get; set; } = "";

    // Entry with parameters (see docs/order-funnel.md): a new draft prefilled with these values.
    [SupplyParameterFromQuery(Name = "plz")] public string? Plz { get; set; }
    [SupplyParameterFromQuery(Name = "sparte")] public string? Sparte { get; set; }
    [SupplyParameterFromQuery(Name = "kwh")] public string? Kwh { get; set; }
    [SupplyParameterFromQuery(Name = "personen")] public string? Personen { get; set; }
    [SupplyParameterFromQuery(Name = "tarif")] public string? Tarif { get; set; }
    [SupplyParameterFromQuery(Name = "strasse")] public string? Strasse { get; set; }
    [SupplyParameterFromQuery(Name = "hausnr")] public string? Hausnr { get; set; }
    [SupplyParameterFromQuery(Name = "nutzung")] public string? Nutzung { get; set; }

    /// <summary>The brand shown (null while loading or when the code is unknown).</summary>
    public FunnelBrand? Brand { get; private set; }

    private OrderDraft? _draft;
    private IReadOnlyList<OrderableTariff>? _tariffs;
    private string? _defaultSupplier;
    private bool _comparing;
    private CancellationTokenSource? _comparison;
    private Dictionary<string, string> _errors = [];
    private string? _generalError;
    private bool _notFound, _busy, _submitting, _loaded;
    private MudTheme _theme = new();

    private string StorageKey => "order-draft:" + BrandCode.ToUpperInvariant();

    protected override async Task OnParametersSetAsync()
    {
        Brand = await Funnel.BrandAsync(BrandCode);
        _notFound = Brand is null;
        if (Brand is not null)
            _theme = new MudTheme { PaletteLight = new PaletteLight { Primary = Brand.PrimaryColor, AppbarBackground = Brand.PrimaryColor } };
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Brand is null) return;
        if (!_loaded)
        {
            _loaded = true;
            OrderDraft? stored = null;
            try
            {
                var result = await Storage.GetAsync<OrderDraft>(StorageKey);
                stored = result.Success ? result.Value : null;
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // A draft of an older key ring cannot be read: start a new one.
            }
            var entry = new OrderEntry(Plz, Sparte, Kwh, Personen, Tarif, Strasse, Hausnr, Nutzung);
            if (entry.IsPresent)
            {
                await EnterAsync(entry);
                // The parameters are used once: a reload restores the draft instead of starting over.
                Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
                {
                    ["plz"] = null, ["sparte"] = null, ["kwh"] = null, ["personen"] = null, ["tarif"] = null, ["strasse"] = null, ["hausnr"] = null,
                }), replace: true);
            }
            else
            {
                _draft = stored ?? NewDraft();
                if (_draft.Step == OrderStep.Tariff && await LoadTariffsAsync()) StartComparison();
            }
            StateHasChanged();
            return;
        }
        if (_draft is not null) await SaveAsync();
    }

    private OrderDraft NewDraft() => new() { MandateReference = $"{Brand!.Code}-{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}" };

    private Task SaveAsync() => Storage.SetAsync(StorageKey, _draft!).AsTask();

    private string StepTitle(OrderStep step) => L["Step." + step];

    /// <summary>A link with parameters: a new draft with these values, at the tariff step (tariff preselected when it is
    /// orderable there) or at the consumption step with the messages.</summary>
    private async Task EnterAsync(OrderEntry entry)
    {
        _draft = NewDraft();
        var unreadable = entry.ApplyTo(_draft, key => L[key]);
        _errors = _draft.ErrorsOf(OrderStep.Consumption, DateOnly.FromDateTime(DateTime.Today));
        foreach (var (input, message) in unreadable) _errors[input] = message;
        if (_errors.Count > 0) return;
        if (!await ToTariffStepAsync()) return;
        if (entry.TariffCode is { } code && _tariffs?.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase)) is { } tariff)
            await ChooseAsync(tariff);
    }

    private async Task NextAsync()
    {
        if (!Check(_draft!.Step)) return;
        if (_draft.Step == OrderStep.Consumption)
        {
            _busy = true;
            try { await ToTariffStepAsync(); }
            finally { _busy = false; }
        }
        else
        {
            _draft.Step++;
        }
        await SaveAsync();
    }

    /// <summary>From the consumption step to the tariff step: our tariffs (the brand must supply the postal code), then the
    /// street question where market data finds several grid areas. The comparison with the default supply loads after the
    /// tariffs are shown.</summary>
    private async Task<bool> ToTariffStepAsync()
    {
        var d = _draft!;
        _tariffs = null;
        if (!await LoadTariffsAsync()) return false;
        var location = await Funnel.LocateAsync(Brand!.Id, Query());
        if (location.NeedsStreet)
        {
            d.AskStreet = true;
            d.StreetChoices = location.Streets.Select(StreetChoice).Distinct().ToList();
            // Asked once: with street and house number given the funnel goes on even if they do not decide the grid area.
            if (string.IsNullOrWhiteSpace(d.Street) || string.IsNullOrWhiteSpace(d.HouseNumber))
            {
                if (string.IsNullOrWhiteSpace(d.Street)) _errors["Street"] = L["StreetNeeded"];
                if (string.IsNullOrWhiteSpace(d.HouseNumber)) _errors["HouseNumber"] = L["HouseNumberNeeded"];
                return false;
            }
        }
        else if (!d.AskStreet || string.IsNullOrWhiteSpace(d.Street))
        {
            d.AskStreet = false;
            d.StreetChoices = [];
        }
        if (string.IsNullOrWhiteSpace(d.City) && location.City is { } city) d.City = city;
        d.Step = OrderStep.Tariff;
        StartComparison();
        return true;
    }

    private static string StreetChoice(Joules.Core.MarketData.MarketStreet street) => street.Name;

    private OrderableTariffQuery Query()
    {
        var d = _draft!;
        return new OrderableTariffQuery(Brand!.Id, d.Commodity, CustomerType.Household, d.PostalCode,
            d.ByHouseholdSize ? null : d.AnnualKwh, d.ByHouseholdSize ? d.HouseholdSize ?? 0 : null, DateOnly.FromDateTime(DateTime.Today))
        {
            Street = d.AskStreet ? d.Street : null, HouseNumber = d.AskStreet ? d.HouseNumber : null,
            Usage = d.Commodity == Commodity.Electricity ? d.Usage : TariffUsage.General,
        };
    }

    /// <summary>Loads the comparison with the default supply in the background; the cards show our prices meanwhile.
    /// Problems are logged, never shown: the tariffs stay as they are.</summary>
    private void StartComparison()
    {
        _comparison?.Cancel();
        var cancel = new CancellationTokenSource();
        _comparison = cancel;
        _defaultSupplier = null;
        _comparing = true;
        _ = CompareAsync(Query(), cancel.Token);
    }

    private async Task CompareAsync(OrderableTariffQuery query, CancellationToken ct)
    {
        try
        {
            var compared = await Funnel.CompareAsync(Brand!.Id, query, ct);
            if (ct.IsCancellationRequested) return;
            _tariffs = compared.Tariffs;
            _defaultSupplier = compared.DefaultSupplier;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            Log.LogWarning(e, "Order funnel: comparison with the default supply failed");
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            if (!ct.IsCancellationRequested) _comparing = false;
        }
        await InvokeAsync(StateHasChanged);
    }

    private async Task BackAsync()
    {
        _errors = [];
        _generalError = null;
        _draft!.Step--;
        if (_draft.Step == OrderStep.Tariff && _tariffs is null && await LoadTariffsAsync()) StartComparison();
        await SaveAsync();
    }

    private async Task<bool> LoadTariffsAsync()
    {
        var d = _draft!;
        try
        {
            var found = await Funnel.TariffsAsync(Brand!.Id, Query());
            d.PricedKwh = found.AnnualKwh;
            d.PostalCode = found.PostalCode;
            _tariffs = found.Tariffs;
            if (d.TariffId is { } chosen && _tariffs.All(t => t.TariffId != chosen)) d.TariffId = null;
            return true;
        }
        catch (DomainException ex)
        {
            Show(ex);
            return false;
        }
    }

    private Task ChooseAsync(OrderableTariff tariff)
    {
        _draft!.TariffId = tariff.TariffId;
        _draft.TariffName = tariff.Name;
        _draft.FirstYearGross = tariff.FirstYearGross;
        _draft.MonthlyInstalment = tariff.MonthlyInstalment;
        _errors.Remove("TariffId");
        return SaveAsync();
    }

    /// <summary>Validates one step; shows the message next to its input.</summary>
    private bool Check(OrderStep step)
    {
        _generalError = null;
        _errors = _draft!.ErrorsOf(step, DateOnly.FromDateTime(DateTime.Today));
        if (_errors.Remove("", out var general)) _generalError = general;
        return _errors.Count == 0 && _generalError is null;
    }

    private void Show(DomainException ex)
    {
        var input = OrderFields.InputOf(ex.Field);
        if (input.Length == 0) _generalError = ex.Message;
        else _errors[input] = ex.Message;
    }

    private async Task SubmitAsync()
    {
        if (_submitting || !Check(OrderStep.Summary)) return;
        _submitting = true;
        try
        {
            var d = _draft!;
            var consents = new List<OrderConsent>
            {
                new(ConsentPurpose.EmailMarketing, d.EmailMarketing, SummaryStep.EmailConsentText(L, Brand)),
                new(ConsentPurpose.PhoneMarketing, d.PhoneMarketing, SummaryStep.PhoneConsentText(L, Brand)),
            };
            var placed = await Funnel.PlaceAsync(Brand!.Id, new PlaceOrderCommand(Brand.Id, d.IdempotencyKey, d.TariffId ?? Guid.Empty, d.PricedKwh,
                d.Customer(), d.DeliveryPoint(), d.Payment(DateTimeOffset.UtcNow), d.TermsAccepted, d.WithdrawalAcknowledged, consents, null));
            d.ContractNumber = placed.ContractNumber;
            d.Step = OrderStep.Done;
            await SaveAsync();
        }
        catch (DomainException ex)
        {
            // Go to the step with the input the message belongs to.
            var input = OrderFields.InputOf(ex.Field);
            _draft!.Step = input.Length == 0 ? OrderStep.Summary : OrderFields.StepOf(input);
            if (_draft.Step == OrderStep.Tariff && await LoadTariffsAsync()) StartComparison();
            Show(ex);
        }
        finally { _submitting = false; }
    }

    /// <summary>Stops a comparison still loading.</summary>
    public void Dispose()
    {
        _comparison?.Cancel();
        _comparison?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task StartOverAsync()
    {
        _comparison?.Cancel();
        _draft = NewDraft();
        _tariffs = null;
        _defaultSupplier = null;
        _errors = [];
        await SaveAsync();
    }
}
