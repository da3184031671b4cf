using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Messaging;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Events;
using Joules.Core.UseCases.Orders;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace Joules.Core.Tests.UseCases.Orders;

public class PlaceOrderTests : OrderScenario
{
    [Fact]
    public async Task Order_creates_customer_and_captured_online_contract_with_submission_and_confirmation_mail()
    {
        await SeedAsync();
        await using var db = Funnel();

        var placed = await PlaceOrderIn(db).RunAsync(Order());

        placed.AlreadyPlaced.ShouldBeFalse();
        placed.ContractNumber.ShouldBe("V-1");
        await using var check = System();
        var contract = await check.Contracts.SingleAsync();
        contract.Id.ShouldBe(placed.ContractId);
        contract.Status.ShouldBe(ContractStatus.Captured);
        contract.Channel.ShouldBe(SalesChannel.Online);
        contract.MaLoId.ShouldBe("41373559241");
        contract.AnnualConsumptionKwh.ShouldBe(2500);
        contract.SupplyReason.ShouldBe(SupplyReason.SupplierChange);
        contract.PreviousSupplier.ShouldBe("Altversorger AG");
        contract.Iban.ShouldBe("DE89370400440532013000");
        contract.PriceListId.ShouldNotBeNull();
        var customer = await check.Customers.SingleAsync();
        customer.Id.ShouldBe(contract.CustomerId);
        customer.Email.ShouldBe("erika@example.org");
        var submission = await check.OrderSubmissions.SingleAsync();
        submission.IdempotencyKey.ShouldBe("form-1");
        submission.RemoteAddress.ShouldBe("203.0.113.7");
        var mail = await check.OutboxMessages.SingleAsync(m => m.Source == PlaceOrder.Source);
        mail.Channel.ShouldBe(MessageChannel.Mail);
        mail.To.ShouldContain("erika@example.org");
        mail.Subject.ShouldBe("Ihre Bestellung bei Brand A: Vertrag V-1");
        mail.TextBody.ShouldContain("Strom Basis");
        (await check.ContractStatusEvents.SingleAsync()).Actor.ShouldBe(PlaceOrder.ActorName);
        var created = await check.DomainEvents.Where(e => e.Type.Contains(nameof(ContractCreated))).ToListAsync();
        created.ShouldHaveSingleItem().Payload.ShouldContain(contract.Id.ToString());
    }

    [Fact]
    public async Task Second_submission_with_the_same_key_returns_the_first_contract()
    {
        await SeedAsync();
        PlacedOrder first, second;
        await using (var db = Funnel()) first = await PlaceOrderIn(db).RunAsync(Order());
        await using (var db = Funnel()) second = await PlaceOrderIn(db).RunAsync(Order());

        second.ContractId.ShouldBe(first.ContractId);
        second.AlreadyPlaced.ShouldBeTrue();
        await using var check = System();
        (await check.Contracts.CountAsync()).ShouldBe(1);
        (await check.Customers.CountAsync()).ShouldBe(1);
        (await check.OutboxMessages.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Two_parallel_submissions_with_the_same_key_create_one_contract_and_one_customer()
    {
        await SeedAsync();

        async Task<PlacedOrder> Submit()
        {
            await Task.Yield();
            await using var db = Funnel();
            return await PlaceOrderIn(db).RunAsync(Order());
        }
        var results = await Task.WhenAll(Submit(), Submit());

        results[0].ContractId.ShouldBe(results[1].ContractId);
        await using var check = System();
        (await check.Contracts.CountAsync()).ShouldBe(1);
        (await check.Customers.CountAsync()).ShouldBe(1);
        (await check.OrderSubmissions.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Different_keys_give_different_contracts_for_the_same_customer()
    {
        await SeedAsync();
        await using (var db = Funnel()) await PlaceOrderIn(db).RunAsync(Order("form-1"));
        await using (var db = Funnel()) await PlaceOrderIn(db).RunAsync(Order("form-2"));

        await using var check = System();
        (await check.Contracts.CountAsync()).ShouldBe(2);
        (await check.Customers.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Someone_else_typing_a_customers_e_mail_address_is_asked_for_another_and_nothing_is_attached()
    {
        await SeedAsync();
        await using (var db = Funnel()) await PlaceOrderIn(db).RunAsync(Order("form-1"));
        var other = Order("form-2") with { Customer = Order().Customer with { FirstName = "Max", LastName = "Fremd", BirthDate = new DateOnly(1990, 1, 1) } };

        await using (var db = Funnel())
            (await Should.ThrowAsync<DomainException>(() => PlaceOrderIn(db).RunAsync(other))).Field.ShouldBe("Email");

        await using var check = System();
        (await check.Customers.CountAsync()).ShouldBe(1);
        (await check.Contracts.CountAsync()).ShouldBe(1);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "iban", "Iban" },
        { "malo", "MaLoId" },
        { "malo-missing", "MaLoId" },
        { "supplier", "PreviousSupplier" },
        { "start", "DesiredStart" },
        { "terms", "TermsAccepted" },
        { "withdrawal", "WithdrawalNoticeAcknowledged" },
        { "email", "Email" },
        { "meter", "MeterNumber" },
        { "postal", "PostalCode" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_order_is_refused_naming_the_field_and_nothing_is_saved(string what, string field)
    {
        await SeedAsync();
        var order = Order();
        var point = order.DeliveryPoint;
        order = what switch
        {
            "iban" => order with { Payment = order.Payment with { Iban = "DE89 3704 0044 0532 0130 01" } },
            "malo" => order with { DeliveryPoint = point with { MaLoId = "41373559242" } },
            "malo-missing" => order with { DeliveryPoint = point with { MaLoId = null } },
            "supplier" => order with { DeliveryPoint = point with { PreviousSupplier = " " } },
            "start" => order with { DeliveryPoint = point with { DesiredStart = Today.AddDays(-1) } },
            "terms" => order with { TermsAccepted = false },
            "withdrawal" => order with { WithdrawalNoticeAcknowledged = false },
            "email" => order with { Customer = order.Customer with { Email = null } },
            "meter" => order with { DeliveryPoint = point with { MeterNumber = "" } },
            "postal" => order with { DeliveryPoint = point with { Address = point.Address with { PostalCode = "10115" } } },
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        await using var db = Funnel();

        var error = await Should.ThrowAsync<DomainException>(() => PlaceOrderIn(db).RunAsync(order));

        error.Field.ShouldBe(what == "postal" ? "TariffId" : field);
        error.Message.ShouldNotBeNullOrWhiteSpace();
        await using var check = System();
        (await check.Contracts.CountAsync()).ShouldBe(0);
        (await check.Customers.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Start_in_the_past_has_a_german_message()
    {
        await SeedAsync();
        var order = Order();
        await using var db = Funnel();

        var error = await Should.ThrowAsync<DomainException>(() =>
            PlaceOrderIn(db).RunAsync(order with { DeliveryPoint = order.DeliveryPoint with { DesiredStart = Today.AddDays(-3) } }));

        error.Message.ShouldStartWith("Der Lieferbeginn darf nicht in der Vergangenheit liegen");
    }

    [Fact]
    public async Task Move_in_needs_no_MaLo_ID_nor_previous_supplier_and_bank_transfer_needs_no_IBAN()
    {
        await SeedAsync();
        var order = Order();
        order = order with
        {
            DeliveryPoint = order.DeliveryPoint with { Reason = SupplyReason.MoveIn, MaLoId = null, PreviousSupplier = null },
            Payment = new PaymentDetails(PaymentMethod.BankTransfer, null, null, null, null),
        };
        await using var db = Funnel();

        await PlaceOrderIn(db).RunAsync(order);

        await using var check = System();
        var contract = await check.Contracts.SingleAsync();
        contract.SupplyReason.ShouldBe(SupplyReason.MoveIn);
        contract.MaLoId.ShouldBeNull();
        contract.PaymentMethod.ShouldBe(PaymentMethod.BankTransfer);
        contract.Iban.ShouldBeNull();
    }

    [Fact]
    public async Task Only_ticked_consents_are_stored_with_their_text_and_source()
    {
        await SeedAsync();
        await using var db = Funnel();

        await PlaceOrderIn(db).RunAsync(Order());

        await using var check = System();
        var consent = await check.CustomerConsents.SingleAsync();
        consent.Purpose.ShouldBe(ConsentPurpose.EmailMarketing);
        consent.Granted.ShouldBeTrue();
        consent.Text.ShouldBe("Ja, ich möchte Angebote per E-Mail erhalten.");
        consent.Source.ShouldBe("order-funnel");
    }
}
