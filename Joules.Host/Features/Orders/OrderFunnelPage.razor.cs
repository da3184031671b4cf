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
public partial class OrderFunnelPage
{
    [Inject] private OrderFunnelService Funnel { get; set; } = null!;
    [Inject] private ProtectedSessionStorage Storage { get; set; } = null!;

    [Parameter] public string BrandCode { get; set; } = "";

    /// <summary>The brand shown (null while loading or when the code is unknown).</summary>
    public FunnelBrand? Brand { get; private set; }

    private OrderDraft? _draft;
    private IReadOnlyList<OrderableTariff>? _tariffs;
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
            _draft = stored ?? NewDraft();
            if (_draft.Step == OrderStep.Tariff) await LoadTariffsAsync();
            StateHasChanged();
            return;
        }
        if (_draft is not null) await SaveAsync();
    }

    private OrderDraft NewDraft() => new() { MandateReference = $"{Brand!.Code}-{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}" };

    private Task SaveAsync() => Storage.SetAsync(StorageKey, _draft!).AsTask();

    private string StepTitle(OrderStep step) => L["Step." + step];

    private async Task NextAsync()
    {
        if (!Check(_draft!.Step)) return;
        if (_draft.Step == OrderStep.Consumption)
        {
            _busy = true;
            try
            {
                _tariffs = null;
                _draft.Step = OrderStep.Tariff;
                if (!await LoadTariffsAsync()) _draft.Step = OrderStep.Consumption;
            }
            finally { _busy = false; }
        }
        else
        {
            _draft.Step++;
        }
        await SaveAsync();
    }

    private async Task BackAsync()
    {
        _errors = [];
        _generalError = null;
        _draft!.Step--;
        if (_draft.Step == OrderStep.Tariff && _tariffs is null) await LoadTariffsAsync();
        await SaveAsync();
    }

    private async Task<bool> LoadTariffsAsync()
    {
        var d = _draft!;
        try
        {
            var found = await Funnel.TariffsAsync(Brand!.Id, new OrderableTariffQuery(Brand.Id, d.Commodity, CustomerType.Household, d.PostalCode,
                d.ByHouseholdSize ? null : d.AnnualKwh, d.ByHouseholdSize ? d.HouseholdSize ?? 0 : null, DateOnly.FromDateTime(DateTime.Today)));
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
            if (_draft.Step == OrderStep.Tariff) await LoadTariffsAsync();
            Show(ex);
        }
        finally { _submitting = false; }
    }

    private async Task StartOverAsync()
    {
        _draft = NewDraft();
        _tariffs = null;
        _errors = [];
        await SaveAsync();
    }
}
