using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.UseCases.Customers;
using Joules.Host.Features.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Joules.Host.Features.Customers;

public partial class CustomerEdit
{
    private static readonly string[] Fields =
    [
        "LastName", "CompanyName", "BirthDate", "Email",
        .. AddressForm.Fields.Select(f => "PostalAddress." + f), .. AddressForm.Fields.Select(f => "BillingAddress." + f),
    ];

    private readonly FieldErrors _errors = new();
    private CustomerForm _form = new();
    private bool _loaded;
    private bool _notFound;
    private bool _saving;

    /// <summary>The customer to edit; null on /customers/new.</summary>
    [Parameter] public Guid? Id { get; set; }

    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private string PageTitleText => Id is null ? L["TitleNew"] : L["TitleEdit"];

    protected override async Task OnParametersSetAsync()
    {
        if (Id is { } id)
        {
            await using var db = await DbFactory.CreateDbContextAsync();
            var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
            _notFound = customer is null;
            if (customer is not null) _form = CustomerForm.From(customer);
        }
        _loaded = true;
    }

    private async Task SaveAsync()
    {
        _errors.Clear();
        _saving = true;
        try
        {
            await using var db = await DbFactory.CreateDbContextAsync();
            var details = _form.ToDetails();
            if (Id is { } id)
            {
                await new UpdateCustomer(db).RunAsync(id, details);
                Snackbar.Add(L["Saved"], Severity.Success);
                Navigation.NavigateTo($"customers/{id}");
            }
            else
            {
                var customer = await new CreateCustomer(db).RunAsync(new CreateCustomerCommand(_form.Type, details));
                Snackbar.Add(string.Format(L["Created"], customer.CustomerNumber), Severity.Success);
                Navigation.NavigateTo($"customers/{customer.Id}");
            }
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

    private sealed class CustomerForm
    {
        public CustomerType Type { get; set; }
        public Salutation Salutation { get; set; }
        public string? FirstName { get; set; }
        public string LastName { get; set; } = "";
        public string? CompanyName { get; set; }
        public DateTime? BirthDate { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public AddressForm PostalAddress { get; set; } = new();
        public bool HasBillingAddress { get; set; }
        public AddressForm BillingAddress { get; set; } = new();

        public CustomerDetails ToDetails() => new(
            Salutation, FirstName, LastName, Type == CustomerType.Business ? CompanyName : null,
            BirthDate is { } born ? DateOnly.FromDateTime(born) : null, Email, Phone,
            PostalAddress.ToAddress(), HasBillingAddress ? BillingAddress.ToAddress() : null);

        public static CustomerForm From(Customer c) => new()
        {
            Type = c.Type, Salutation = c.Salutation, FirstName = c.FirstName, LastName = c.LastName, CompanyName = c.CompanyName,
            BirthDate = c.BirthDate?.ToDateTime(TimeOnly.MinValue), Email = c.Email, Phone = c.Phone,
            PostalAddress = AddressForm.From(c.PostalAddress), HasBillingAddress = c.BillingAddress is not null,
            BillingAddress = AddressForm.From(c.BillingAddress),
        };
    }
}
