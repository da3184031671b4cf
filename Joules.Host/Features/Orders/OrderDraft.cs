using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.UseCases.Orders;

namespace Joules.Host.Features.Orders;

/// <summary>The steps of the funnel, in order.</summary>
public enum OrderStep { Consumption = 0, Tariff = 1, Customer = 2, DeliveryPoint = 3, Payment = 4, Summary = 5, Done = 6 }

/// <summary>A half-finished order as the browser keeps it (protected session storage): the step, every input and the
/// idempotency key created once per draft, so a reload restores the form and a repeated submission is recognised.</summary>
public sealed class OrderDraft
{
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");
    public string MandateReference { get; set; } = "";
    public OrderStep Step { get; set; }

    // (1) Consumption
    public Commodity Commodity { get; set; } = Commodity.Electricity;
    /// <summary>Power for general supply, a heat pump or night storage heating (power only).</summary>
    public TariffUsage Usage { get; set; }
    public string PostalCode { get; set; } = "";
    public bool ByHouseholdSize { get; set; } = true;
    public int? HouseholdSize { get; set; } = 2;
    public int? AnnualKwh { get; set; }
    /// <summary>The consumption the tariffs were priced with.</summary>
    public int PricedKwh { get; set; }
    /// <summary>Market data found several grid areas for the postal code: the consumption step asks for street and house
    /// number (kept in <see cref="Street"/>/<see cref="HouseNumber"/>, so the customer step's address is prefilled).</summary>
    public bool AskStreet { get; set; }
    /// <summary>The streets offered when <see cref="AskStreet"/>.</summary>
    public List<string> StreetChoices { get; set; } = [];

    // (2) Tariff
    public Guid? TariffId { get; set; }
    public string? TariffName { get; set; }
    public decimal FirstYearGross { get; set; }
    public decimal MonthlyInstalment { get; set; }

    // (3) Customer and delivery address
    public Salutation Salutation { get; set; } = Salutation.None;
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public DateTime? BirthDate { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Street { get; set; }
    public string? HouseNumber { get; set; }
    public string? City { get; set; }

    // (4) Delivery point
    public SupplyReason Reason { get; set; } = SupplyReason.SupplierChange;
    public string? MaLoId { get; set; }
    public string? MeterNumber { get; set; }
    public string? PreviousSupplier { get; set; }
    public string? PreviousCustomerNumber { get; set; }
    public DateTime? DesiredStart { get; set; }

    // (5) Payment
    public PaymentMethod PaymentMethod { get; set; } = PaymentMethod.DirectDebit;
    public string? Iban { get; set; }
    public string? AccountHolder { get; set; }
    public bool MandateAccepted { get; set; }

    // (6) Summary
    public bool TermsAccepted { get; set; }
    public bool WithdrawalAcknowledged { get; set; }
    public bool EmailMarketing { get; set; }
    public bool PhoneMarketing { get; set; }

    // Done
    public string? ContractNumber { get; set; }

    public Address Address() => new()
    {
        Street = Street?.Trim() ?? "", HouseNumber = HouseNumber?.Trim() ?? "", PostalCode = PostalCode.Trim(), City = City?.Trim() ?? "",
        Country = PostalCode.Trim().Length == 4 ? "AT" : "DE",
    };

    public CustomerDetails Customer() => new(Salutation, FirstName, LastName ?? "", null,
        BirthDate is { } born ? DateOnly.FromDateTime(born) : null, Email, Phone, Address());

    public OrderDeliveryPoint DeliveryPoint() => new(Address(), MaLoId, MeterNumber, Reason, PreviousSupplier, PreviousCustomerNumber,
        DesiredStart is { } start ? DateOnly.FromDateTime(start) : null);

    public PaymentDetails Payment(DateTimeOffset now) => PaymentMethod == PaymentMethod.BankTransfer
        ? new PaymentDetails(PaymentMethod.BankTransfer, null, null, null, null)
        : new PaymentDetails(PaymentMethod.DirectDebit, Iban, AccountHolder, MandateReference, MandateAccepted ? now : null);

    /// <summary>The messages per input of <paramref name="step"/> (empty when the step is complete).</summary>
    public Dictionary<string, string> ErrorsOf(OrderStep step, DateOnly today)
    {
        if (step == OrderStep.Consumption) return ConsumptionErrors();
        try
        {
            Validate(step, today);
            return [];
        }
        catch (DomainException ex)
        {
            return new Dictionary<string, string> { [OrderFields.InputOf(ex.Field)] = ex.Message };
        }
    }

    /// <summary>Every message of the consumption step (postal code and consumption are checked on their own).</summary>
    private Dictionary<string, string> ConsumptionErrors()
    {
        var errors = new Dictionary<string, string>();
        void Check(Action rule)
        {
            try { rule(); }
            catch (DomainException ex) { errors.TryAdd(OrderFields.InputOf(ex.Field), ex.Message); }
        }
        Check(() => FindOrderableTariffs.CheckPostalCode(PostalCode));
        Check(() => FindOrderableTariffs.AnnualKwh(ByHouseholdSize ? null : AnnualKwh, ByHouseholdSize ? HouseholdSize ?? 0 : null));
        return errors;
    }

    /// <summary>Checks the inputs of <paramref name="step"/> with the Core rules; throws <see cref="DomainException"/> naming
    /// the field (see <see cref="OrderFields"/>).</summary>
    public void Validate(OrderStep step, DateOnly today)
    {
        switch (step)
        {
            case OrderStep.Consumption:
                FindOrderableTariffs.CheckPostalCode(PostalCode);
                FindOrderableTariffs.AnnualKwh(ByHouseholdSize ? null : AnnualKwh, ByHouseholdSize ? HouseholdSize ?? 0 : null);
                break;
            case OrderStep.Tariff:
                if (TariffId is null) throw new DomainException(Joules.Core.Domain.Common.CoreText.Get("Contract.TariffMissing"), "TariffId");
                break;
            case OrderStep.Customer:
                PlaceOrder.CheckCustomer(Customer());
                break;
            case OrderStep.DeliveryPoint:
                PlaceOrder.CheckDeliveryPoint(DeliveryPoint(), today);
                break;
            case OrderStep.Payment:
                Payment(DateTimeOffset.UtcNow).Normalised();
                break;
            case OrderStep.Summary:
                if (!TermsAccepted) throw new DomainException(Joules.Core.Domain.Common.CoreText.Get("Order.TermsRequired"), "TermsAccepted");
                if (!WithdrawalAcknowledged) throw new DomainException(Joules.Core.Domain.Common.CoreText.Get("Order.WithdrawalRequired"), "WithdrawalNoticeAcknowledged");
                break;
        }
    }
}

/// <summary>Maps the field names of <see cref="DomainException"/>s to the funnel's inputs and their steps.</summary>
public static class OrderFields
{
    /// <summary>The input key of a Core field name: "PostalAddress.Street" and "DeliveryAddress.Street" are both "Street".</summary>
    public static string InputOf(string? field)
    {
        if (string.IsNullOrEmpty(field)) return "";
        var last = field[(field.LastIndexOf('.') + 1)..];
        return last switch
        {
            "AnnualConsumptionKwh" or "persons" => "AnnualKwh",
            "MandateReference" => "MandateAccepted",
            "WithdrawalNoticeAcknowledged" => "WithdrawalAcknowledged",
            "Country" => "PostalCode",
            _ => last,
        };
    }

    /// <summary>The step showing an input.</summary>
    public static OrderStep StepOf(string input) => input switch
    {
        "PostalCode" or "AnnualKwh" or "HouseholdSize" => OrderStep.Consumption,
        "TariffId" => OrderStep.Tariff,
        "Salutation" or "FirstName" or "LastName" or "BirthDate" or "Email" or "Phone" or "Street" or "HouseNumber" or "City" => OrderStep.Customer,
        "MaLoId" or "MeterNumber" or "PreviousSupplier" or "PreviousCustomerNumber" or "DesiredStart" => OrderStep.DeliveryPoint,
        "Iban" or "AccountHolder" or "MandateAccepted" => OrderStep.Payment,
        _ => OrderStep.Summary,
    };

    /// <summary>IBAN in groups of four for display ("DE89 3704 …").</summary>
    public static string FormatIban(string? iban)
    {
        var compact = new string((iban ?? "").Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        return string.Join(' ', compact.Chunk(4).Select(c => new string(c)));
    }
}
