using System.Globalization;
using Bunit;
using Joules.Core.Domain.Contracts;
using Joules.Host.Features.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.Orders;

/// <summary>Each funnel step is checked with the Core rules before "Weiter"; the German message appears at its input.</summary>
public sealed class OrderStepValidationTests : IAsyncDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private readonly BunitContext _ctx = new();

    public OrderStepValidationTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.Render<MudPopoverProvider>();
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private static OrderDraft Complete() => new()
    {
        MandateReference = "SWS-TEST", PostalCode = "79100", HouseholdSize = 2, TariffId = Guid.NewGuid(), TariffName = "Strom Basis",
        FirstName = "Erika", LastName = "Muster", Email = "erika@example.org", Street = "Hauptstraße", HouseNumber = "1", City = "Freiburg",
        MaLoId = "41373559241", MeterNumber = "1ESY1160123456", PreviousSupplier = "Altversorger AG", DesiredStart = new DateTime(2027, 1, 1),
        Iban = "DE89 3704 0044 0532 0130 00", AccountHolder = "Erika Muster", MandateAccepted = true, TermsAccepted = true, WithdrawalAcknowledged = true,
    };

    private IRenderedComponent<T> RenderStep<T>(OrderDraft draft, OrderStep step) where T : OrderStepBase =>
        _ctx.Render<T>(p => p.Add(x => x.Draft, draft).Add(x => x.Errors, (IReadOnlyDictionary<string, string>)draft.ErrorsOf(step, Today))
            .Add(x => x.Brand, new FunnelBrand(Guid.NewGuid(), "SWS", "Stadtwerke Sonnental", "#1E6B52", null, "Stadtwerke Sonnental GmbH")));

    /// <summary>The text of the input's whole form control (label, input, helper or error line): MudBlazor puts the test id on the input.</summary>
    private static string FieldText<T>(IRenderedComponent<T> step, string testId) where T : IComponent =>
        step.Find($"[data-testid={testId}]").Closest(".mud-input-control")?.TextContent ?? "";

    [Fact]
    public void A_complete_draft_passes_every_step()
    {
        var draft = Complete();
        foreach (var step in Enum.GetValues<OrderStep>().Where(s => s != OrderStep.Done))
            draft.ErrorsOf(step, Today).ShouldBeEmpty(step.ToString());
    }

    [Fact]
    public void Postal_code_with_letters_is_refused_at_the_postal_code_field()
    {
        var draft = Complete();
        draft.PostalCode = "79A00";

        var step = RenderStep<ConsumptionStep>(draft, OrderStep.Consumption);

        FieldText(step, "order-postal-code").ShouldContain("Bitte eine gültige Postleitzahl angeben");
    }

    [Fact]
    public void Missing_e_mail_address_is_shown_at_the_e_mail_field()
    {
        var draft = Complete();
        draft.Email = null;

        var step = RenderStep<CustomerStep>(draft, OrderStep.Customer);

        FieldText(step, "order-email").ShouldContain("Bitte die E-Mail-Adresse angeben");
    }

    [Fact]
    public void Missing_street_is_shown_at_the_street_field()
    {
        var draft = Complete();
        draft.Street = " ";

        draft.ErrorsOf(OrderStep.Customer, Today).Keys.ShouldBe(["Street"]);
    }

    [Fact]
    public void Wrong_MaLo_check_digit_is_shown_at_the_MaLo_field()
    {
        var draft = Complete();
        draft.MaLoId = "41373559242";

        var step = RenderStep<DeliveryPointStep>(draft, OrderStep.DeliveryPoint);

        FieldText(step, "order-malo").ShouldContain("MaLo-ID „41373559242“ ist ungültig");
    }

    [Fact]
    public void Move_in_needs_neither_MaLo_ID_nor_previous_supplier()
    {
        var draft = Complete();
        draft.Reason = SupplyReason.MoveIn;
        draft.MaLoId = null;
        draft.PreviousSupplier = null;

        draft.ErrorsOf(OrderStep.DeliveryPoint, Today).ShouldBeEmpty();
    }

    [Fact]
    public void Start_in_the_past_is_shown_at_the_start_field()
    {
        var draft = Complete();
        draft.DesiredStart = new DateTime(2026, 11, 1);

        var step = RenderStep<DeliveryPointStep>(draft, OrderStep.DeliveryPoint);

        FieldText(step, "order-start").ShouldContain("Der Lieferbeginn darf nicht in der Vergangenheit liegen");
    }

    [Fact]
    public void Invalid_IBAN_is_shown_at_the_IBAN_field_and_the_mandate_names_the_brand()
    {
        var draft = Complete();
        draft.Iban = "DE89 3704 0044 0532 0130 01";

        var step = RenderStep<PaymentStep>(draft, OrderStep.Payment);

        FieldText(step, "order-iban").ShouldContain("ist ungültig");
        step.Find("[data-testid=order-mandate-text]").TextContent.ShouldContain("Stadtwerke Sonnental GmbH");
        step.Find("[data-testid=order-mandate-text]").TextContent.ShouldContain("SWS-TEST");
    }

    [Fact]
    public void Mandate_not_granted_is_shown_below_the_mandate_checkbox()
    {
        var draft = Complete();
        draft.MandateAccepted = false;

        var step = RenderStep<PaymentStep>(draft, OrderStep.Payment);

        step.Find("[data-testid=order-error-MandateAccepted]").TextContent.ShouldContain("SEPA-Lastschriftmandat");
    }

    [Fact]
    public void Summary_needs_terms_and_withdrawal_notice_and_offers_unticked_consents()
    {
        var draft = Complete();
        draft.TermsAccepted = false;

        var step = RenderStep<SummaryStep>(draft, OrderStep.Summary);

        step.Find("[data-testid=order-error-TermsAccepted]").TextContent.ShouldContain("AGB");
        draft.EmailMarketing.ShouldBeFalse();
        draft.PhoneMarketing.ShouldBeFalse();
        step.Markup.ShouldContain("Stadtwerke Sonnental darf mich per E-Mail");
    }

    [Fact]
    public void Core_field_names_map_to_the_inputs_and_their_steps()
    {
        OrderFields.InputOf("DeliveryAddress.Street").ShouldBe("Street");
        OrderFields.InputOf("PostalAddress.City").ShouldBe("City");
        OrderFields.InputOf("MandateReference").ShouldBe("MandateAccepted");
        OrderFields.StepOf("Iban").ShouldBe(OrderStep.Payment);
        OrderFields.StepOf("MaLoId").ShouldBe(OrderStep.DeliveryPoint);
        OrderFields.FormatIban("de89370400440532013000").ShouldBe("DE89 3704 0044 0532 0130 00");
    }
}
