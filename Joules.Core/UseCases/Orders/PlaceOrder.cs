using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Messaging.Templates;
using Joules.Core.UseCases.Common;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Orders;

/// <summary>The delivery point of an order.</summary>
/// <param name="Address">Where the energy is supplied (also the customer's postal address).</param>
/// <param name="MaLoId">Marktlokations-ID; required for a supplier change, optional for a move-in; checked with the check digit.</param>
/// <param name="MeterNumber">Zählernummer (required).</param>
/// <param name="Reason">Supplier change or move-in.</param>
/// <param name="PreviousSupplier">The previous supplier (required for a supplier change).</param>
/// <param name="PreviousCustomerNumber">Customer number at the previous supplier (optional).</param>
/// <param name="DesiredStart">Desired start of supply; not in the past.</param>
public sealed record OrderDeliveryPoint(Address Address, string? MaLoId, string? MeterNumber, SupplyReason Reason,
    string? PreviousSupplier, string? PreviousCustomerNumber, DateOnly? DesiredStart);

/// <summary>An optional consent of the order form, with the exact text the customer saw. Only granted ones are stored.</summary>
public sealed record OrderConsent(ConsentPurpose Purpose, bool Granted, string Text);

/// <summary>Input of <see cref="PlaceOrder"/>. <c>IdempotencyKey</c> is the order form's key, created once per form: a second
/// call with it returns the first contract. <c>AnnualKwh</c> is the consumption the tariff was priced with;
/// <c>RemoteAddress</c> the client's IP address, stored with the submission as proof.</summary>
public sealed record PlaceOrderCommand(
    Guid BrandId, string IdempotencyKey, Guid TariffId, int AnnualKwh,
    CustomerDetails Customer, OrderDeliveryPoint DeliveryPoint, PaymentDetails Payment,
    bool TermsAccepted, bool WithdrawalNoticeAcknowledged, IReadOnlyList<OrderConsent> Consents, string? RemoteAddress);

/// <summary>The placed order. <paramref name="AlreadyPlaced"/> is true when the key had been submitted before.</summary>
public sealed record PlacedOrder(Guid ContractId, string ContractNumber, Guid CustomerId, string CustomerNumber, bool AlreadyPlaced);

/// <summary>Places an order of the public order funnel: creates the customer (or reuses the brand's customer with the same
/// e-mail address) and the contract in status <see cref="ContractStatus.Captured"/> (channel Online), records switching and
/// payment details, the granted consents with their texts, the <see cref="OrderSubmission"/> and the confirmation mail
/// (template <see cref="OrderTemplateKeys.OrderConfirmation"/>) in ONE save. <see cref="Events.ContractCreated"/> is raised by
/// the contract as usual. The same idempotency key always yields the same contract, also when two submissions race.</summary>
/// <remarks>Run it in a context acting as the brand-bound system user <see cref="ActorName"/>.</remarks>
public sealed class PlaceOrder(JoulesDbContext db, MessageTemplateService templates, TimeProvider? clock = null)
{
    /// <summary>The acting user's name, written to the contract history and the audit trail.</summary>
    public const string ActorName = "order-funnel";

    /// <summary>The consent and contract source.</summary>
    public const string Source = "order-funnel";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <exception cref="DomainException">An input is invalid; <see cref="DomainException.Field"/> names it.</exception>
    public async Task<PlacedOrder> RunAsync(PlaceOrderCommand command, CancellationToken ct = default)
    {
        var key = command.IdempotencyKey?.Trim() ?? "";
        if (key.Length is 0 or > 100) throw new DomainException(CoreText.Get("Order.IdempotencyKeyRequired"), "IdempotencyKey");
        if (await ExistingAsync(command.BrandId, key, ct) is { } earlier) return earlier;

        var now = _clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.LocalDateTime);
        CheckCustomer(command.Customer);
        CheckDeliveryPoint(command.DeliveryPoint, today);
        var payment = command.Payment.Normalised();
        if (!command.TermsAccepted) throw new DomainException(CoreText.Get("Order.TermsRequired"), "TermsAccepted");
        if (!command.WithdrawalNoticeAcknowledged) throw new DomainException(CoreText.Get("Order.WithdrawalRequired"), "WithdrawalNoticeAcknowledged");

        var postalCode = FindOrderableTariffs.CheckPostalCode(command.DeliveryPoint.Address.PostalCode);
        var tariff = await db.Tariffs.AsNoTracking().Include(t => t.PriceLists)
            .SingleOrDefaultAsync(t => t.Id == command.TariffId && t.BrandId == command.BrandId && t.IsActive, ct);
        var areas = await FindOrderableTariffs.AreasOfAsync(db, command.BrandId, postalCode, ct);
        var priceList = tariff is null ? null : tariff.PriceListOn(areas, today);
        if (tariff is null || priceList is null) throw new DomainException(CoreText.Get("Order.TariffNotOrderable"), "TariffId");
        var kwh = FindOrderableTariffs.AnnualKwh(command.AnnualKwh, null);
        var brand = await db.Brands.AsNoTracking().SingleAsync(b => b.Id == command.BrandId, ct);

        for (var attempt = 1; ; attempt++)
        {
            var customer = await CustomerAsync(command, ct);
            foreach (var consent in command.Consents.Where(c => c.Granted))
                customer.RecordConsent(consent.Purpose, true, Source, consent.Text, now);

            var number = await RunningNumbers.NextAsync(
                db.Contracts.IgnoreQueryFilters().Where(c => c.BrandId == command.BrandId).Select(c => c.ContractNumber), RunningNumbers.ContractPrefix, ct);
            var point = command.DeliveryPoint;
            var details = new ContractDetails(point.Address with { PostalCode = postalCode }, Clean(point.MaLoId), point.MeterNumber, kwh, point.DesiredStart);
            var contract = new Contract(command.BrandId, number, customer.Id, tariff, details, null, SalesChannel.Online, ActorName, Source, now)
            {
                PriceListId = priceList.Id,
            };
            contract.RecordOrder(new SwitchDetails(point.Reason, point.PreviousSupplier, point.PreviousCustomerNumber), payment);
            db.Contracts.Add(contract);
            db.OrderSubmissions.Add(OrderSubmission.Create(command.BrandId, key, customer.Id, contract.Id, now, command.RemoteAddress));
            await QueueConfirmationAsync(brand.Name, customer, contract, tariff, payment, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return new PlacedOrder(contract.Id, contract.ContractNumber, customer.Id, customer.CustomerNumber, false);
            }
            catch (DbUpdateException ex) when (RunningNumbers.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
                // The same form was submitted at the same moment: its contract is the answer.
                if (await ExistingAsync(command.BrandId, key, ct) is { } raced) return raced;
                if (attempt >= 3) throw;
            }
        }
    }

    /// <summary>Checks the customer step: master data rules of <see cref="Customer"/> and the e-mail address the
    /// confirmation goes to.</summary>
    public static void CheckCustomer(CustomerDetails details)
    {
        if (string.IsNullOrWhiteSpace(details.Email)) throw new DomainException(CoreText.Get("Order.EmailRequired"), nameof(Customer.Email));
        _ = new Customer(Guid.Empty, "check", CustomerType.Household, details);
    }

    /// <summary>Checks the delivery point step (address, MaLo-ID with check digit, meter number, previous supplier, start).</summary>
    public static void CheckDeliveryPoint(OrderDeliveryPoint point, DateOnly today)
    {
        point.Address.Validate("DeliveryAddress");
        var malo = Clean(point.MaLoId);
        if (malo is null && point.Reason == SupplyReason.SupplierChange)
            throw new DomainException(CoreText.Get("Order.MaLoRequired"), "MaLoId");
        if (malo is not null && !MaLoId.IsValid(malo))
            throw new DomainException(CoreText.Format("Contract.MaLoInvalid", malo), "MaLoId");
        if (string.IsNullOrWhiteSpace(point.MeterNumber)) throw new DomainException(CoreText.Get("Order.MeterNumberRequired"), "MeterNumber");
        if (point.Reason == SupplyReason.SupplierChange && string.IsNullOrWhiteSpace(point.PreviousSupplier))
            throw new DomainException(CoreText.Get("Order.PreviousSupplierRequired"), "PreviousSupplier");
        if (point.DesiredStart is not { } start) throw new DomainException(CoreText.Get("Order.StartRequired"), "DesiredStart");
        if (start < today)
            throw new DomainException(CoreText.Format("Order.StartInPast", today.ToString("d", CultureInfo.CurrentCulture)), "DesiredStart");
    }

    private async Task<PlacedOrder?> ExistingAsync(Guid brandId, string key, CancellationToken ct)
    {
        var found = await db.OrderSubmissions.AsNoTracking().IgnoreQueryFilters()
            .Where(s => s.BrandId == brandId && s.IdempotencyKey == key)
            .Select(s => new
            {
                s.ContractId, s.CustomerId,
                ContractNumber = db.Contracts.IgnoreQueryFilters().Where(c => c.Id == s.ContractId).Select(c => c.ContractNumber).FirstOrDefault(),
                CustomerNumber = db.Customers.IgnoreQueryFilters().Where(c => c.Id == s.CustomerId).Select(c => c.CustomerNumber).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : new PlacedOrder(found.ContractId, found.ContractNumber ?? "", found.CustomerId, found.CustomerNumber ?? "", true);
    }

    // A customer of the brand who orders again — same e-mail address, same name and birth date — keeps one customer
    // record; their master data is not changed by an anonymous form (the back office sees the delivery address on the
    // contract). Anyone else typing that e-mail address is asked for another one (an address belongs to one customer
    // of a brand): an anonymous form must never attach a contract, and its credit check, to another person.
    private async Task<Customer> CustomerAsync(PlaceOrderCommand command, CancellationToken ct)
    {
        var email = command.Customer.Email!.Trim().ToUpperInvariant();
        var candidates = await db.Customers.IgnoreQueryFilters().Include(c => c.Consents)
            .Where(c => c.BrandId == command.BrandId && c.NormalizedEmail == email).ToListAsync(ct);
        if (candidates.Count > 0)
            return candidates.FirstOrDefault(c => SamePerson(c, command.Customer))
                ?? throw new DomainException(CoreText.Get("Order.EmailTaken"), nameof(CustomerDetails.Email));
        var number = await RunningNumbers.NextAsync(
            db.Customers.IgnoreQueryFilters().Where(c => c.BrandId == command.BrandId).Select(c => c.CustomerNumber), RunningNumbers.CustomerPrefix, ct);
        var customer = new Customer(command.BrandId, number, CustomerType.Household, command.Customer with { PostalAddress = command.DeliveryPoint.Address });
        db.Customers.Add(customer);
        return customer;
    }

    private static bool SamePerson(Customer customer, CustomerDetails details) =>
        string.Equals(customer.LastName.Trim(), details.LastName?.Trim(), StringComparison.OrdinalIgnoreCase)
        && string.Equals(customer.FirstName?.Trim() ?? "", details.FirstName?.Trim() ?? "", StringComparison.OrdinalIgnoreCase)
        && customer.BirthDate == details.BirthDate;

    private async Task QueueConfirmationAsync(string brandName, Customer customer, Contract contract, Tariff tariff, PaymentDetails payment, CancellationToken ct)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "de";
        var template = await templates.CurrentAsync(contract.BrandId, OrderTemplateKeys.OrderConfirmation, language, ct);
        var name = string.Join(' ', new[] { customer.FirstName, customer.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["contract.number"] = contract.ContractNumber,
            ["contract.commodity"] = CoreText.Get("Order.Commodity." + contract.Commodity),
            ["customer.name"] = name,
            ["customer.number"] = customer.CustomerNumber,
            ["tariff.name"] = tariff.Name,
            ["supply.start"] = contract.SupplyStart?.ToString("d", CultureInfo.CurrentCulture) ?? "",
            ["supply.address"] = contract.DeliveryAddress.ToString(),
            ["payment.method"] = CoreText.Get("Order.Payment." + payment.Method),
            ["brand.name"] = brandName,
            ["recipient.name"] = name,
        };
        var rendered = await templates.RenderAsync(template, model, ct);
        await db.QueueMailAsync(contract.BrandId, $"order-confirmation:{contract.Id:N}", customer.Email!, rendered.Subject, rendered.Html, rendered.Text,
            Source, rendered.TemplateId, rendered.Version, ct);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Replace(" ", "", StringComparison.Ordinal).Trim();
}
