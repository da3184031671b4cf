using Joules.Core.Messaging.Templates;

namespace Joules.Core.UseCases.Orders;

/// <summary>The order funnel's mail template: the confirmation the customer gets after ordering (not an event key:
/// <see cref="PlaceOrder"/> sends it itself, in the order's transaction).</summary>
public sealed class OrderTemplateKeys : IMessageTemplateKeySource
{
    /// <summary>Order confirmation to the customer.</summary>
    public const string OrderConfirmation = "order.confirmation";

    /// <inheritdoc />
    public IEnumerable<MessageTemplateKey> Keys { get; } =
    [
        new(OrderConfirmation, "Auftragsbestätigung an den Kunden (Online-Bestellung)", "Order confirmation to the customer (online order)",
            [
                new("contract.number", "Vertragsnummer", "Contract number", "V-2026-000123"),
                new("contract.commodity", "Sparte (Strom/Gas)", "Commodity (power/gas)", "Strom"),
                new("customer.name", "Name des Kunden", "Customer's name", "Erika Mustermann"),
                new("customer.number", "Kundennummer", "Customer number", "K-100234"),
                new("tariff.name", "Tarif", "Tariff", "Strom Basis"),
                new("supply.start", "Gewünschter Lieferbeginn", "Desired start of supply", "01.01.2027"),
                new("supply.address", "Lieferadresse", "Delivery address", "Hauptstraße 1, 79100 Sonnental"),
                new("payment.method", "Zahlungsart", "Payment method", "SEPA-Lastschrift"),
                new("brand.name", "Name der Marke", "Brand name", "Stadtwerke Musterstadt"),
                new("recipient.name", "Name des Empfängers", "Recipient's name", "Erika Mustermann"),
            ],
            new Dictionary<string, BuiltInTemplate>
            {
                ["de"] = new("Ihre Bestellung bei {{ brand.name }}: Vertrag {{ contract.number }}",
                    "<p>Guten Tag {{ recipient.name }},</p><p>vielen Dank für Ihre Bestellung. Wir haben Ihren Auftrag erhalten:</p>"
                    + "<ul><li>Vertragsnummer: <b>{{ contract.number }}</b></li><li>Tarif: {{ tariff.name }} ({{ contract.commodity }})</li>"
                    + "<li>Lieferadresse: {{ supply.address }}</li><li>Gewünschter Lieferbeginn: {{ supply.start }}</li><li>Zahlungsart: {{ payment.method }}</li></ul>"
                    + "<p>Wir prüfen Ihren Auftrag und melden uns mit der Vertragsbestätigung. Sie können Ihre Bestellung innerhalb von 14 Tagen widerrufen.</p>"
                    + "<p>Ihr Team von {{ brand.name }}</p>",
                    "Guten Tag {{ recipient.name }},\n\nvielen Dank für Ihre Bestellung. Wir haben Ihren Auftrag erhalten:\n\n"
                    + "Vertragsnummer: {{ contract.number }}\nTarif: {{ tariff.name }} ({{ contract.commodity }})\nLieferadresse: {{ supply.address }}\n"
                    + "Gewünschter Lieferbeginn: {{ supply.start }}\nZahlungsart: {{ payment.method }}\n\n"
                    + "Wir prüfen Ihren Auftrag und melden uns mit der Vertragsbestätigung. Sie können Ihre Bestellung innerhalb von 14 Tagen widerrufen.\n\n"
                    + "Ihr Team von {{ brand.name }}\n"),
                ["en"] = new("Your order with {{ brand.name }}: contract {{ contract.number }}",
                    "<p>Hello {{ recipient.name }},</p><p>thank you for your order. We have received it:</p>"
                    + "<ul><li>Contract number: <b>{{ contract.number }}</b></li><li>Tariff: {{ tariff.name }} ({{ contract.commodity }})</li>"
                    + "<li>Delivery address: {{ supply.address }}</li><li>Desired start of supply: {{ supply.start }}</li><li>Payment: {{ payment.method }}</li></ul>"
                    + "<p>We will check your order and send you the contract confirmation. You may withdraw from your order within 14 days.</p>"
                    + "<p>Your {{ brand.name }} team</p>",
                    "Hello {{ recipient.name }},\n\nthank you for your order. We have received it:\n\n"
                    + "Contract number: {{ contract.number }}\nTariff: {{ tariff.name }} ({{ contract.commodity }})\nDelivery address: {{ supply.address }}\n"
                    + "Desired start of supply: {{ supply.start }}\nPayment: {{ payment.method }}\n\n"
                    + "We will check your order and send you the contract confirmation. You may withdraw from your order within 14 days.\n\n"
                    + "Your {{ brand.name }} team\n"),
            }),
    ];
}
