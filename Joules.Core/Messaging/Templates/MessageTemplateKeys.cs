using System.Globalization;
using Joules.Core.Events;

namespace Joules.Core.Messaging.Templates;

/// <summary>Core's template keys, one per Core domain event, with their flat variable lists and built-in texts.
/// Use <see cref="ForEvent"/> and <see cref="ModelFor"/> to render a template for an event; senders may add further
/// variables of the key (e.g. <c>customer.name</c>) that the event itself does not carry.</summary>
public sealed class MessageTemplateKeys : IMessageTemplateKeySource
{
    /// <summary>A contract was captured (<see cref="ContractCreated"/>).</summary>
    public const string ContractCreated = "contract.created";
    /// <summary>A contract changed its status (<see cref="ContractStatusChanged"/>).</summary>
    public const string ContractStatusChanged = "contract.status-changed";
    /// <summary>A customer was created (<see cref="CustomerCreated"/>).</summary>
    public const string CustomerCreated = "customer.created";
    /// <summary>An import finished (<see cref="ImportCompleted"/>).</summary>
    public const string ImportCompleted = "import.completed";
    /// <summary>An import was refused (<see cref="ImportFailed"/>).</summary>
    public const string ImportFailed = "import.failed";
    /// <summary>An export file was written (<see cref="ExportCompleted"/>).</summary>
    public const string ExportCompleted = "export.completed";
    /// <summary>A commission statement was released (<see cref="CommissionSettlementReleased"/>).</summary>
    public const string CommissionReleased = "commission.released";

    private static readonly TemplateVariable BrandName = new("brand.name", "Name der Marke", "Brand name", "Stadtwerke Musterstadt");
    private static readonly TemplateVariable RecipientName = new("recipient.name", "Name des Empfängers", "Recipient's name", "Erika Mustermann");
    private static readonly TemplateVariable ContractNumber = new("contract.number", "Vertragsnummer", "Contract number", "V-2026-000123");
    private static readonly TemplateVariable ContractCommodity = new("contract.commodity", "Sparte (Strom/Gas)", "Commodity (power/gas)", "Strom");
    private static readonly TemplateVariable CustomerName = new("customer.name", "Name des Kunden", "Customer's name", "Max Mustermann");
    private static readonly TemplateVariable CustomerNumber = new("customer.number", "Kundennummer", "Customer number", "K-100234");
    private static readonly TemplateVariable PartnerName = new("partner.name", "Name des Vertriebspartners", "Sales partner's name", "Energievertrieb Nord GmbH");
    private static readonly TemplateVariable TransferKind = new("transfer.kind", "Art des Imports/Exports", "Kind of import/export", "Contracts");
    private static readonly TemplateVariable TransferFile = new("transfer.file", "Dateiname", "File name", "vertraege-2026-11.csv");
    private static readonly TemplateVariable TransferRows = new("transfer.rows", "Anzahl Zeilen", "Number of rows", "1250");
    private static readonly TemplateVariable TransferBy = new("transfer.triggered_by", "Ausgelöst von", "Triggered by", "m.meier");

    /// <inheritdoc />
    public IEnumerable<MessageTemplateKey> Keys { get; } = Definitions().Select(k => k with { IsEvent = true }).ToList();

    private static MessageTemplateKey[] Definitions() =>
    [
        new(ContractCreated, "Vertrag erfasst", "Contract captured",
            [ContractNumber, ContractCommodity, CustomerName, CustomerNumber, PartnerName, BrandName, RecipientName],
            Defaults(
                new("Ihr Vertrag {{ contract.number }} bei {{ brand.name }}",
                    "<p>Guten Tag {{ recipient.name }},</p><p>vielen Dank für Ihren Auftrag. Ihr {{ contract.commodity }}-Vertrag hat die Nummer <b>{{ contract.number }}</b>.</p><p>Ihr Team von {{ brand.name }}</p>",
                    "Guten Tag {{ recipient.name }},\n\nvielen Dank für Ihren Auftrag. Ihr {{ contract.commodity }}-Vertrag hat die Nummer {{ contract.number }}.\n\nIhr Team von {{ brand.name }}\n"),
                new("Your contract {{ contract.number }} with {{ brand.name }}",
                    "<p>Hello {{ recipient.name }},</p><p>thank you for your order. Your {{ contract.commodity }} contract has the number <b>{{ contract.number }}</b>.</p><p>Your {{ brand.name }} team</p>",
                    "Hello {{ recipient.name }},\n\nthank you for your order. Your {{ contract.commodity }} contract has the number {{ contract.number }}.\n\nYour {{ brand.name }} team\n"))),
        new(ContractStatusChanged, "Vertragsstatus geändert", "Contract status changed",
            [ContractNumber, new("contract.status", "Neuer Status", "New status", "Beliefert"),
             new("contract.previous_status", "Bisheriger Status", "Previous status", "Angemeldet"),
             new("contract.status_reason", "Begründung der Änderung", "Reason for the change", ""),
             new("actor.name", "Wer den Status geändert hat", "Who changed the status", "m.meier"),
             CustomerName, CustomerNumber, PartnerName, BrandName, RecipientName],
            Defaults(
                new("Vertrag {{ contract.number }}: {{ contract.status }}",
                    "<p>Guten Tag {{ recipient.name }},</p><p>der Vertrag <b>{{ contract.number }}</b> hat jetzt den Status <b>{{ contract.status }}</b> (bisher: {{ contract.previous_status }}).</p>{% if contract.status_reason != blank %}<p>Begründung: {{ contract.status_reason }}</p>{% endif %}<p>Ihr Team von {{ brand.name }}</p>",
                    "Guten Tag {{ recipient.name }},\n\nder Vertrag {{ contract.number }} hat jetzt den Status {{ contract.status }} (bisher: {{ contract.previous_status }}).\n{% if contract.status_reason != blank %}Begründung: {{ contract.status_reason }}\n{% endif %}\nIhr Team von {{ brand.name }}\n"),
                new("Contract {{ contract.number }}: {{ contract.status }}",
                    "<p>Hello {{ recipient.name }},</p><p>contract <b>{{ contract.number }}</b> now has the status <b>{{ contract.status }}</b> (previously: {{ contract.previous_status }}).</p>{% if contract.status_reason != blank %}<p>Reason: {{ contract.status_reason }}</p>{% endif %}<p>Your {{ brand.name }} team</p>",
                    "Hello {{ recipient.name }},\n\ncontract {{ contract.number }} now has the status {{ contract.status }} (previously: {{ contract.previous_status }}).\n{% if contract.status_reason != blank %}Reason: {{ contract.status_reason }}\n{% endif %}\nYour {{ brand.name }} team\n"))),
        new(CustomerCreated, "Kunde angelegt", "Customer created",
            [CustomerNumber, CustomerName, BrandName, RecipientName],
            Defaults(
                new("Willkommen bei {{ brand.name }}",
                    "<p>Guten Tag {{ recipient.name }},</p><p>willkommen bei {{ brand.name }}. Ihre Kundennummer ist <b>{{ customer.number }}</b>.</p>",
                    "Guten Tag {{ recipient.name }},\n\nwillkommen bei {{ brand.name }}. Ihre Kundennummer ist {{ customer.number }}.\n"),
                new("Welcome to {{ brand.name }}",
                    "<p>Hello {{ recipient.name }},</p><p>welcome to {{ brand.name }}. Your customer number is <b>{{ customer.number }}</b>.</p>",
                    "Hello {{ recipient.name }},\n\nwelcome to {{ brand.name }}. Your customer number is {{ customer.number }}.\n"))),
        new(ImportCompleted, "Import abgeschlossen", "Import completed",
            [TransferKind, TransferFile, TransferRows, TransferBy, BrandName, RecipientName],
            Defaults(
                new("Import {{ transfer.file }} abgeschlossen",
                    null,
                    "Der Import {{ transfer.file }} ({{ transfer.kind }}) wurde abgeschlossen: {{ transfer.rows }} Zeilen übernommen.\nAusgelöst von: {{ transfer.triggered_by }}\n"),
                new("Import {{ transfer.file }} completed",
                    null,
                    "The import {{ transfer.file }} ({{ transfer.kind }}) completed: {{ transfer.rows }} rows committed.\nTriggered by: {{ transfer.triggered_by }}\n"))),
        new(ImportFailed, "Import fehlgeschlagen", "Import failed",
            [TransferKind, TransferFile, new("transfer.error_count", "Anzahl Fehler", "Number of errors", "3"),
             new("transfer.first_error", "Erster Fehler", "First error", "Zeile 17: MaLo-ID ungültig"), TransferBy, BrandName, RecipientName],
            Defaults(
                new("Import {{ transfer.file }} fehlgeschlagen",
                    null,
                    "Der Import {{ transfer.file }} ({{ transfer.kind }}) wurde abgelehnt, es wurde nichts übernommen.\n{{ transfer.error_count }} Fehler, der erste: {{ transfer.first_error }}\nAusgelöst von: {{ transfer.triggered_by }}\n"),
                new("Import {{ transfer.file }} failed",
                    null,
                    "The import {{ transfer.file }} ({{ transfer.kind }}) was refused; nothing was written.\n{{ transfer.error_count }} errors, the first: {{ transfer.first_error }}\nTriggered by: {{ transfer.triggered_by }}\n"))),
        new(ExportCompleted, "Export abgeschlossen", "Export completed",
            [TransferKind, TransferFile, TransferRows, TransferBy, BrandName, RecipientName],
            Defaults(
                new("Export {{ transfer.file }} erstellt", null,
                    "Der Export {{ transfer.file }} ({{ transfer.kind }}) wurde erstellt: {{ transfer.rows }} Zeilen.\nAusgelöst von: {{ transfer.triggered_by }}\n"),
                new("Export {{ transfer.file }} written", null,
                    "The export {{ transfer.file }} ({{ transfer.kind }}) was written: {{ transfer.rows }} rows.\nTriggered by: {{ transfer.triggered_by }}\n"))),
        new(CommissionReleased, "Provisionsabrechnung freigegeben", "Commission statement released",
            [new("statement.number", "Nummer der Abrechnung", "Statement number", "PA-2026-0042"),
             new("statement.period_start", "Beginn des Abrechnungszeitraums", "Start of the period", "01.10.2026"),
             new("statement.period_end", "Ende des Abrechnungszeitraums", "End of the period", "31.10.2026"),
             new("statement.net_total", "Nettobetrag in Euro", "Net total in euros", "1.234,50"),
             new("actor.name", "Wer freigegeben hat", "Who released it", "m.meier"),
             PartnerName, BrandName, RecipientName],
            Defaults(
                new("Provisionsabrechnung {{ statement.number }} freigegeben",
                    "<p>Guten Tag {{ recipient.name }},</p><p>Ihre Provisionsabrechnung <b>{{ statement.number }}</b> für {{ statement.period_start }} – {{ statement.period_end }} über {{ statement.net_total }} € netto wurde zur Zahlung freigegeben.</p><p>Ihr Team von {{ brand.name }}</p>",
                    "Guten Tag {{ recipient.name }},\n\nIhre Provisionsabrechnung {{ statement.number }} für {{ statement.period_start }} – {{ statement.period_end }} über {{ statement.net_total }} € netto wurde zur Zahlung freigegeben.\n\nIhr Team von {{ brand.name }}\n"),
                new("Commission statement {{ statement.number }} released",
                    "<p>Hello {{ recipient.name }},</p><p>your commission statement <b>{{ statement.number }}</b> for {{ statement.period_start }} – {{ statement.period_end }} of EUR {{ statement.net_total }} net was released for payment.</p><p>Your {{ brand.name }} team</p>",
                    "Hello {{ recipient.name }},\n\nyour commission statement {{ statement.number }} for {{ statement.period_start }} – {{ statement.period_end }} of EUR {{ statement.net_total }} net was released for payment.\n\nYour {{ brand.name }} team\n"))),
    ];

    private static Dictionary<string, BuiltInTemplate> Defaults(BuiltInTemplate de, BuiltInTemplate en) => new() { ["de"] = de, ["en"] = en };

    /// <summary>The template key of a Core domain event or an <see cref="INotifiableEvent"/>, or null for other events.</summary>
    public static string? ForEvent(IDomainEvent domainEvent) => domainEvent switch
    {
        Events.ContractCreated => ContractCreated,
        Events.ContractStatusChanged => ContractStatusChanged,
        Events.CustomerCreated => CustomerCreated,
        Events.ImportCompleted => ImportCompleted,
        Events.ImportFailed => ImportFailed,
        Events.ExportCompleted => ExportCompleted,
        CommissionSettlementReleased => CommissionReleased,
        INotifiableEvent e => e.TemplateKey,
        _ => null,
    };

    /// <summary>What an event concerns (contract, customer, partner, acting user, commodity, status), for recipients and
    /// rule conditions: from the fields of Core events, from <see cref="INotifiableEvent.Subject"/> for plugin events.</summary>
    public static NotificationSubject SubjectOf(IDomainEvent domainEvent) => domainEvent switch
    {
        Events.ContractCreated e => new NotificationSubject(e.ContractId, e.CustomerId, e.SalesPartnerId) { Commodity = e.Commodity },
        Events.ContractStatusChanged e => new NotificationSubject(e.ContractId, null, e.SalesPartnerId, e.Actor) { Status = e.To },
        Events.CustomerCreated e => new NotificationSubject(CustomerId: e.CustomerId),
        Events.ImportCompleted e => new NotificationSubject(ActorUserName: e.TriggeredBy),
        Events.ImportFailed e => new NotificationSubject(ActorUserName: e.TriggeredBy),
        Events.ExportCompleted e => new NotificationSubject(ActorUserName: e.TriggeredBy),
        CommissionSettlementReleased e => new NotificationSubject(SalesPartnerId: e.SalesPartnerId, ActorUserName: e.Actor),
        INotifiableEvent e => e.Subject,
        _ => new NotificationSubject(),
    };

    /// <summary>The variables a Core domain event itself carries (e.g. <c>contract.number</c>), formatted for
    /// <paramref name="culture"/>. Senders add the rest (<c>brand.name</c>, <c>customer.name</c>, <c>recipient.name</c>, …)
    /// from their own data before rendering. Returns an empty model for other events.</summary>
    /// <param name="domainEvent">The event.</param>
    /// <param name="culture">Culture for dates and amounts; German if null.</param>
    /// <param name="statusLabel">Turns a contract status into the text shown to readers; the enum name if null.</param>
    public static Dictionary<string, object?> ModelFor(IDomainEvent domainEvent, CultureInfo? culture = null, Func<Domain.Contracts.ContractStatus, string>? statusLabel = null)
    {
        culture ??= CultureInfo.GetCultureInfo("de-DE");
        statusLabel ??= s => s.ToString();
        var m = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (domainEvent)
        {
            case Events.ContractCreated e:
                m["contract.number"] = e.ContractNumber;
                m["contract.commodity"] = e.Commodity.ToString();
                break;
            case Events.ContractStatusChanged e:
                m["contract.number"] = e.ContractNumber;
                m["contract.status"] = statusLabel(e.To);
                m["contract.previous_status"] = statusLabel(e.From);
                m["contract.status_reason"] = e.Reason ?? "";
                m["actor.name"] = e.Actor;
                break;
            case Events.CustomerCreated e:
                m["customer.number"] = e.CustomerNumber;
                break;
            case Events.ImportCompleted e:
                Transfer(m, e.Kind.ToString(), e.FileName, e.TriggeredBy);
                m["transfer.rows"] = e.Rows;
                break;
            case Events.ImportFailed e:
                Transfer(m, e.Kind.ToString(), e.FileName, e.TriggeredBy);
                m["transfer.error_count"] = e.ErrorCount;
                m["transfer.first_error"] = e.FirstError;
                break;
            case Events.ExportCompleted e:
                Transfer(m, e.Kind.ToString(), e.FileName, e.TriggeredBy);
                m["transfer.rows"] = e.Rows;
                break;
            case CommissionSettlementReleased e:
                m["statement.number"] = e.Number;
                m["statement.period_start"] = e.PeriodStart.ToString("d", culture);
                m["statement.period_end"] = e.PeriodEnd.ToString("d", culture);
                m["statement.net_total"] = e.NetTotal.ToString("N2", culture);
                m["actor.name"] = e.Actor;
                break;
            case INotifiableEvent e:
                e.AddVariables(m, culture);
                break;
        }
        return m;
    }

    private static void Transfer(Dictionary<string, object?> m, string kind, string file, string by)
    {
        m["transfer.kind"] = kind;
        m["transfer.file"] = file;
        m["transfer.triggered_by"] = by;
    }
}
