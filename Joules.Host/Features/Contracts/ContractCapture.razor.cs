using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.UseCases.Contracts;
using Joules.Host.Features.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Joules.Host.Features.Contracts;

public partial class ContractCapture
{
    private static readonly string[] Fields =
        ["TariffId", "SalesPartnerId", "MaLoId", "AnnualConsumptionKwh", .. AddressForm.Fields.Select(f => "DeliveryAddress." + f)];

    private readonly FieldErrors _errors = new();
    private readonly CaptureForm _form = new();
    private (Guid Id, string Number, string Name)? _customer;
    private List<(Guid Id, string Name)> _tariffs = [];
    private List<(Guid Id, string Name)> _partners = [];
    private bool _loaded;
    private bool _saving;

    [SupplyParameterFromQuery(Name = "customerId")] public Guid? CustomerId { get; set; }

    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _customer = null;
        if (CustomerId is { } id)
        {
            await using var db = await DbFactory.CreateDbContextAsync();
            var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
            if (customer is not null)
            {
                _customer = (customer.Id, customer.CustomerNumber, customer.DisplayName);
                _form.DeliveryAddress = AddressForm.From(customer.PostalAddress);
                // Tariffs and partners of the customer's brand (administrators see every brand).
                _tariffs = (await db.Tariffs.AsNoTracking().Where(t => t.BrandId == customer.BrandId && t.IsActive && t.CustomerType == customer.Type)
                    .OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync()).Select(t => (t.Id, t.Name)).ToList();
                _partners = (await db.SalesPartners.AsNoTracking().Where(p => p.BrandId == customer.BrandId && p.IsActive)
                    .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync()).Select(p => (p.Id, p.Name)).ToList();
                if (_tariffs.Count == 1) _form.TariffId = _tariffs[0].Id;
            }
        }
        _loaded = true;
    }

    private async Task SaveAsync()
    {
        if (_customer is not { } customer) return;
        _errors.Clear();
        if (_form.TariffId is not { } tariffId)
        {
            _errors.Add(new DomainException(L["TariffRequired"], "TariffId"), Fields);
            return;
        }
        _saving = true;
        try
        {
            await using var db = await DbFactory.CreateDbContextAsync();
            var details = new ContractDetails(_form.DeliveryAddress.ToAddress(), _form.MaLoId?.Trim(), _form.MeterNumber, _form.AnnualConsumptionKwh,
                _form.SupplyStart is { } start ? DateOnly.FromDateTime(start) : null);
            var contract = await new CaptureContract(db).RunAsync(new CaptureContractCommand(customer.Id, tariffId, _form.SalesPartnerId, _form.Channel, details));
            Snackbar.Add(string.Format(L["Captured"], contract.ContractNumber), Severity.Success);
            Navigation.NavigateTo($"contracts/{contract.Id}");
        }
        catch (DomainException ex)
        {
            _errors.Add(ex, Fields);
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _saving = false;
        }
    }

    private sealed class CaptureForm
    {
        public Guid? TariffId { get; set; }
        public Guid? SalesPartnerId { get; set; }
        public SalesChannel Channel { get; set; } = SalesChannel.BackOffice;
        public AddressForm DeliveryAddress { get; set; } = new();
        public string? MaLoId { get; set; }
        public string? MeterNumber { get; set; }
        public int AnnualConsumptionKwh { get; set; } = 2500;
        public DateTime? SupplyStart { get; set; }
    }
}
