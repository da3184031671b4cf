using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Messaging;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Events;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Messaging.Sms;
using Joules.Core.Messaging.Templates;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.SystemMessages;

/// <summary>A person (or address) the facts of an event name.</summary>
public sealed record Party(string Name, string? Email, string? Phone);

/// <summary>Everything a rule needs to know about an event, loaded from Core through the event's
/// <see cref="NotificationSubject"/>: brand, contract, customer, sales partner and its parent, responsible and acting user.</summary>
public sealed class NotificationFacts
{
    public Guid BrandId { get; init; }
    public string? BrandName { get; init; }
    public Guid? ContractId { get; init; }
    public string? ContractNumber { get; init; }
    public Commodity? Commodity { get; init; }
    public ContractStatus? Status { get; init; }
    public string? CustomerNumber { get; init; }
    public Party? Customer { get; init; }
    public Guid? PartnerId { get; init; }
    public string? PartnerHierarchyPath { get; init; }
    public Party? Partner { get; init; }
    public Party? ParentPartner { get; init; }
    /// <summary>The contract's responsible employee (when the event concerns a contract).</summary>
    public Party? Responsible { get; init; }
    public bool ResponsibleInactive { get; init; }
    /// <summary>The user who caused the event, found by user name.</summary>
    public Party? Actor { get; init; }
    public string? ActorUserName { get; init; }
}

/// <summary>One resolved recipient: the outbox address (mail address, E.164 number or messenger channel id), or why
/// there is none (<see cref="Reason"/>).</summary>
public sealed record ResolvedRecipient(string? To, string Name, string? Reason)
{
    /// <summary>What the log shows as recipient (the address, or the entry that could not be used).</summary>
    public string? Display { get; init; }
}

/// <summary>The shared logic of dispatching and rule tests: loads facts, checks conditions, resolves recipients per
/// channel and renders the brand's current template.</summary>
public sealed class NotificationPlanner(JoulesDbContext db, MessageTemplateService templates)
{
    /// <summary>Country for national phone numbers (brands have no country of their own yet).</summary>
    public const string PhoneCountry = "DE";

    public async Task<NotificationFacts> LoadFactsAsync(IDomainEvent domainEvent, Guid brandId, CancellationToken ct)
    {
        var subject = MessageTemplateKeys.SubjectOf(domainEvent);
        var brandName = await db.Brands.AsNoTracking().Where(b => b.Id == brandId).Select(b => b.Name).FirstOrDefaultAsync(ct);

        var contract = subject.ContractId is { } contractId
            ? await db.Contracts.AsNoTracking().Where(c => c.Id == contractId)
                .Select(c => new { c.ContractNumber, c.CustomerId, c.SalesPartnerId, c.Commodity, c.Status, c.ResponsibleUserId }).FirstOrDefaultAsync(ct)
            : null;
        var customerId = subject.CustomerId ?? contract?.CustomerId;
        var partnerId = subject.SalesPartnerId ?? contract?.SalesPartnerId;

        var customer = customerId is { } cid
            ? await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct)
            : null;
        var partner = partnerId is { } pid
            ? await db.SalesPartners.AsNoTracking().Where(p => p.Id == pid)
                .Select(p => new { p.Name, p.Email, p.Phone, p.ParentId, p.HierarchyPath }).FirstOrDefaultAsync(ct)
            : null;
        var parent = partner?.ParentId is { } parentId
            ? await db.SalesPartners.AsNoTracking().Where(p => p.Id == parentId).Select(p => new { p.Name, p.Email, p.Phone }).FirstOrDefaultAsync(ct)
            : null;
        var responsible = contract?.ResponsibleUserId is { } uid
            ? await db.Users.AsNoTracking().Where(u => u.Id == uid).Select(u => new { u.DisplayName, u.UserName, u.Email, u.PhoneNumber, u.IsActive }).FirstOrDefaultAsync(ct)
            : null;
        var actorName = subject.ActorUserName;
        var actor = string.IsNullOrWhiteSpace(actorName)
            ? null
            : await db.Users.AsNoTracking().Where(u => u.UserName == actorName && u.IsActive)
                .Select(u => new { u.DisplayName, u.UserName, u.Email, u.PhoneNumber }).FirstOrDefaultAsync(ct);

        return new NotificationFacts
        {
            BrandId = brandId,
            BrandName = brandName,
            ContractId = subject.ContractId,
            ContractNumber = contract?.ContractNumber,
            Commodity = subject.Commodity ?? contract?.Commodity,
            Status = subject.Status,
            CustomerNumber = customer?.CustomerNumber,
            Customer = customer is null ? null : new Party(customer.DisplayName, customer.Email, customer.Phone),
            PartnerId = partnerId,
            PartnerHierarchyPath = partner?.HierarchyPath,
            Partner = partner is null ? null : new Party(partner.Name, partner.Email, partner.Phone),
            ParentPartner = parent is null ? null : new Party(parent.Name, parent.Email, parent.Phone),
            Responsible = responsible is null ? null : new Party(Name(responsible.DisplayName, responsible.UserName), responsible.Email, responsible.PhoneNumber),
            ResponsibleInactive = responsible is { IsActive: false },
            Actor = actor is null ? null : new Party(Name(actor.DisplayName, actor.UserName), actor.Email, actor.PhoneNumber),
            ActorUserName = actorName,
        };
    }

    private static string Name(string displayName, string? userName) => string.IsNullOrWhiteSpace(displayName) ? userName ?? "" : displayName;

    /// <summary>Null when the rule's conditions hold for the event, else why not (German).</summary>
    public async Task<string?> MismatchAsync(NotificationRule rule, NotificationFacts facts, CancellationToken ct)
    {
        if (rule.StatusFilter is { } status && facts.Status != status)
            return facts.Status is { } actual
                ? $"Der neue Status ist „{ContractStatusText.Label(actual)}“, die Regel verlangt „{ContractStatusText.Label(status)}“."
                : "Das Ereignis hat keinen Vertragsstatus.";
        if (rule.CommodityFilter is { } commodity && facts.Commodity != commodity)
            return facts.Commodity is null ? "Das Ereignis betrifft keine Sparte." : $"Die Sparte ist {CommodityLabel(facts.Commodity.Value)}, die Regel verlangt {CommodityLabel(commodity)}.";
        if (rule.PartnerFilterId is { } partnerId && facts.PartnerId != partnerId)
        {
            if (facts.PartnerId is null) return "Das Ereignis betrifft keinen Vertriebspartner.";
            if (!rule.IncludeSubPartners) return "Das Ereignis betrifft einen anderen Vertriebspartner.";
            var path = await db.SalesPartners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => p.HierarchyPath).FirstOrDefaultAsync(ct);
            if (path is null) return "Der Vertriebspartner der Regel existiert nicht mehr.";
            if (facts.PartnerHierarchyPath is null || !facts.PartnerHierarchyPath.StartsWith(path, StringComparison.Ordinal))
                return "Das Ereignis betrifft einen Vertriebspartner außerhalb der Struktur der Regel.";
        }
        return null;
    }

    public static string CommodityLabel(Commodity commodity) => commodity == Commodity.Gas ? "Gas" : "Strom";

    /// <summary>The recipients of <paramref name="rule"/> for the event; entries with a <see cref="ResolvedRecipient.Reason"/>
    /// cannot be notified (missing or invalid address). Never empty: when nobody can be found, one entry says why.</summary>
    public async Task<List<ResolvedRecipient>> RecipientsAsync(NotificationRule rule, NotificationFacts facts, CancellationToken ct)
    {
        if (rule.Channel == MessageChannel.Messenger)
        {
            if (rule.MessengerChannelId is not { } channelId) return [new ResolvedRecipient(null, "", "Die Regel hat keinen Messenger-Kanal.")];
            var channel = await db.MessengerChannels.AsNoTracking().Where(c => c.Id == channelId).Select(c => new { c.Name }).FirstOrDefaultAsync(ct);
            return channel is null
                ? [new ResolvedRecipient(null, "", "Der Messenger-Kanal der Regel existiert nicht mehr.")]
                : [new ResolvedRecipient(channelId.ToString(), channel.Name, null) { Display = channel.Name }];
        }

        var sms = rule.Channel == MessageChannel.Sms;
        var what = sms ? "keine Mobilnummer" : "keine E-Mail-Adresse";
        switch (rule.RecipientKind)
        {
            case RecipientKind.Customer:
                return facts.Customer is null
                    ? [None("Das Ereignis betrifft keinen Kunden.")]
                    : [Address(facts.Customer, sms, $"Der Kunde hat {what}.")];
            case RecipientKind.SalesPartner:
                return facts.Partner is null
                    ? [None("Das Ereignis betrifft keinen Vertriebspartner.")]
                    : [Address(facts.Partner, sms, $"Der Vertriebspartner hat {what}.")];
            case RecipientKind.SalesPartnerParent:
                if (facts.Partner is null) return [None("Das Ereignis betrifft keinen Vertriebspartner.")];
                return facts.ParentPartner is null
                    ? [None("Der Vertriebspartner hat keinen übergeordneten Partner.")]
                    : [Address(facts.ParentPartner, sms, $"Der übergeordnete Vertriebspartner hat {what}.")];
            case RecipientKind.ResponsibleEmployee:
                if (facts.ContractId is not null)
                {
                    if (facts.ResponsibleInactive) return [None("Der zuständige Mitarbeiter ist deaktiviert.")];
                    return facts.Responsible is null
                        ? [None("Der Vertrag hat keinen zuständigen Mitarbeiter.")]
                        : [Address(facts.Responsible, sms, $"Der zuständige Mitarbeiter hat {what}.")];
                }
                if (facts.Actor is null)
                    return [None(string.IsNullOrWhiteSpace(facts.ActorUserName)
                        ? "Das Ereignis nennt keinen zuständigen Mitarbeiter."
                        : $"Zum Benutzer „{facts.ActorUserName}“ gibt es kein aktives Konto.")];
                return [Address(facts.Actor, sms, $"Der auslösende Benutzer hat {what}.")];
            case RecipientKind.Role:
                if (string.IsNullOrWhiteSpace(rule.RoleName)) return [None("Die Regel nennt keine Rolle.")];
                var normalized = rule.RoleName.ToUpperInvariant();
                var users = await (from u in db.Users.AsNoTracking()
                                   join ur in db.UserRoles on u.Id equals ur.UserId
                                   join r in db.Roles on ur.RoleId equals r.Id
                                   where r.NormalizedName == normalized && u.BrandId == facts.BrandId && u.IsActive
                                   select new { u.DisplayName, u.UserName, u.Email, u.PhoneNumber }).ToListAsync(ct);
                if (users.Count == 0) return [None($"Die Rolle „{rule.RoleName}“ hat in der Marke keine aktiven Benutzer.")];
                return users.OrderBy(u => u.UserName, StringComparer.Ordinal)
                    .Select(u => Address(new Party(Name(u.DisplayName, u.UserName), u.Email, u.PhoneNumber), sms, $"Der Benutzer {u.UserName} hat {what}."))
                    .ToList();
            case RecipientKind.FixedAddresses:
                var entries = RuleAddresses.Split(rule.FixedAddresses);
                if (entries.Count == 0) return [None("Die Regel hat keine Empfängeradressen.")];
                return entries.Select(a => Address(new Party("", sms ? null : a, sms ? a : null), sms, "")).ToList();
            default:
                return [None("Unbekannte Empfängerart.")];
        }
    }

    private static ResolvedRecipient None(string reason) => new(null, "", reason);

    /// <summary>The party's mail address (checked) or phone number (normalised to E.164), or the reason it cannot be used.</summary>
    private static ResolvedRecipient Address(Party party, bool sms, string missing)
    {
        var raw = sms ? party.Phone : party.Email;
        if (string.IsNullOrWhiteSpace(raw)) return new ResolvedRecipient(null, party.Name, missing);
        if (sms)
            return PhoneNumbers.TryNormalize(raw, PhoneCountry, out var e164, out var error)
                ? new ResolvedRecipient(e164, party.Name, null) { Display = e164 }
                : new ResolvedRecipient(null, party.Name, error) { Display = raw.Trim() };
        try
        {
            var to = OutboxWriter.ParseRecipients([raw]);
            return new ResolvedRecipient(raw.Trim(), party.Name, null) { Display = to };
        }
        catch (DomainException ex)
        {
            return new ResolvedRecipient(null, party.Name, ex.Message) { Display = raw.Trim() };
        }
    }

    /// <summary>The brand's current template for the rule's event, language and channel.</summary>
    public Task<ResolvedTemplate> TemplateAsync(NotificationRule rule, CancellationToken ct) =>
        templates.CurrentAsync(rule.BrandId, rule.EventKey, rule.Language, ct, rule.Channel);

    /// <summary>The render model: the event's own variables plus brand, customer, partner and recipient.</summary>
    public static Dictionary<string, object?> Model(IDomainEvent domainEvent, NotificationFacts facts, string language, string recipientName)
    {
        var culture = Culture(language);
        var model = MessageTemplateKeys.ModelFor(domainEvent, culture, s => StatusLabel(s, culture));
        model["brand.name"] = facts.BrandName ?? "";
        model["customer.name"] = facts.Customer?.Name ?? "";
        model["customer.number"] = facts.CustomerNumber ?? (model.TryGetValue("customer.number", out var n) ? n : "");
        model["partner.name"] = facts.Partner?.Name ?? "";
        model["recipient.name"] = recipientName;
        if (facts.ContractNumber is not null) model.TryAdd("contract.number", facts.ContractNumber);
        if (facts.Commodity is { } c && !model.ContainsKey("contract.commodity")) model["contract.commodity"] = c.ToString();
        return model;
    }

    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "de-DE");

    public static string StatusLabel(ContractStatus status, CultureInfo culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            return ContractStatusText.Label(status);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    public Task<RenderedMessage> RenderAsync(ResolvedTemplate template, IReadOnlyDictionary<string, object?> model, CancellationToken ct) =>
        templates.RenderAsync(template, model, ct);
}
