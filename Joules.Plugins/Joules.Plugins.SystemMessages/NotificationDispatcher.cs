using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Events;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Messaging.Templates;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.SystemMessages;

/// <summary>Turns a Core event into mails: for each enabled rule of the event's brand that matches, resolves the
/// recipients, renders the brand's current template and queues one outbox message per recipient, then logs it.
/// Idempotent: a redelivered event finds its messages (idempotency key) and log entries and adds nothing.</summary>
public sealed class NotificationDispatcher(IDbContextFactory<SystemMessagesDb> pluginDb, JoulesDbContext db, MessageTemplateService templates)
{
    public async Task DispatchAsync(IDomainEvent domainEvent, CancellationToken ct)
    {
        if (domainEvent.BrandId is not { } brandId) return;
        var key = MessageTemplateKeys.ForEvent(domainEvent);
        if (key is null) return;

        await using var rulesDb = await pluginDb.CreateDbContextAsync(ct);
        var rules = await rulesDb.Rules.Where(r => r.BrandId == brandId && r.Enabled && r.EventKey == key).ToListAsync(ct);
        rules = rules.Where(r => Matches(r, domainEvent)).OrderBy(r => r.CreatedAt).ToList();
        if (rules.Count == 0) return;

        var facts = await LoadFactsAsync(domainEvent, ct);
        var identity = EventIdentity(domainEvent);
        foreach (var rule in rules)
        {
            var recipients = Recipients(rule, facts);
            if (recipients.Count == 0)
            {
                await LogOnceAsync(rulesDb, new NotificationLogEntry
                {
                    BrandId = brandId, RuleId = rule.Id, RuleName = rule.Name, EventKey = key, EventIdentity = identity,
                    Reason = rule.RecipientKind switch
                    {
                        RecipientKind.Customer => "Der Kunde hat keine E-Mail-Adresse.",
                        RecipientKind.SalesPartner => facts.PartnerName is null ? "Der Vertrag hat keinen Vertriebspartner." : "Der Vertriebspartner hat keine E-Mail-Adresse.",
                        _ => "Die Regel hat keine Empfängeradressen.",
                    },
                }, ct);
                continue;
            }

            var template = await templates.CurrentAsync(brandId, key, rule.Language, ct);
            foreach (var (address, name) in recipients)
            {
                var model = Model(domainEvent, facts, rule.Language, name);
                var entry = new NotificationLogEntry
                {
                    BrandId = brandId, RuleId = rule.Id, RuleName = rule.Name, EventKey = key, EventIdentity = identity, Recipient = address,
                };
                try
                {
                    var rendered = await templates.RenderAsync(template, model, ct);
                    var queued = await db.QueueMailAsync(brandId, IdempotencyKey(rule.Id, identity, address), address,
                        rendered.Subject, rendered.Html, rendered.Text, source: $"rule:{rule.Id}",
                        templateId: rendered.TemplateId, templateVersion: rendered.Version, ct: ct);
                    await db.SaveChangesAsync(ct);
                    entry.OutboxMessageId = queued.Message.Id;
                    entry.Subject = rendered.Subject;
                }
                catch (DomainException ex)
                {
                    // A bad address or a template that cannot be rendered: log it, do not stop the other rules.
                    db.ChangeTracker.Clear();
                    entry.Reason = ex.Message;
                }
                await LogOnceAsync(rulesDb, entry, ct);
            }
        }
    }

    private static bool Matches(NotificationRule rule, IDomainEvent domainEvent) => domainEvent switch
    {
        ContractStatusChanged e => rule.StatusFilter is null || rule.StatusFilter == e.To,
        _ => true,
    };

    /// <summary>What identifies the event for idempotency: the contract, and for a status change the transition.</summary>
    public static string EventIdentity(IDomainEvent domainEvent) => domainEvent switch
    {
        ContractStatusChanged e => $"{e.ContractId:N}:{e.From}>{e.To}",
        ContractCreated e => $"{e.ContractId:N}:created",
        _ => domainEvent.GetHashCode().ToString(CultureInfo.InvariantCulture),
    };

    public static string IdempotencyKey(Guid ruleId, string identity, string recipient)
    {
        var key = $"sysmsg:{ruleId:N}:{identity}:{recipient.ToLowerInvariant()}";
        if (key.Length <= 200) return key;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(recipient.ToLowerInvariant())))[..32];
        return $"sysmsg:{ruleId:N}:{identity}:{hash}";
    }

    private static async Task LogOnceAsync(SystemMessagesDb rulesDb, NotificationLogEntry entry, CancellationToken ct)
    {
        var exists = await rulesDb.Log.AnyAsync(l => l.RuleId == entry.RuleId && l.EventIdentity == entry.EventIdentity
            && l.Recipient == entry.Recipient, ct);
        if (exists) return;
        rulesDb.Log.Add(entry);
        await rulesDb.SaveChangesAsync(ct);
    }

    private sealed record Facts(string? BrandName, string? CustomerName, string? CustomerNumber, string? CustomerEmail,
        string? PartnerName, string? PartnerEmail);

    private async Task<Facts> LoadFactsAsync(IDomainEvent domainEvent, CancellationToken ct)
    {
        var (contractId, brandId) = domainEvent switch
        {
            ContractStatusChanged e => (e.ContractId, e.BrandId),
            ContractCreated e => (e.ContractId, e.BrandId),
            _ => (Guid.Empty, domainEvent.BrandId),
        };
        var brandName = await db.Brands.AsNoTracking().Where(b => b.Id == brandId).Select(b => b.Name).FirstOrDefaultAsync(ct);
        var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == contractId)
            .Select(c => new { c.CustomerId, c.SalesPartnerId }).FirstOrDefaultAsync(ct);
        if (contract is null) return new Facts(brandName, null, null, null, null, null);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contract.CustomerId, ct);
        var partner = contract.SalesPartnerId is { } partnerId
            ? await db.SalesPartners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => new { p.Name, p.Email }).FirstOrDefaultAsync(ct)
            : null;
        return new Facts(brandName, customer?.DisplayName, customer?.CustomerNumber, customer?.Email, partner?.Name, partner?.Email);
    }

    private static List<(string Address, string Name)> Recipients(NotificationRule rule, Facts facts) => rule.RecipientKind switch
    {
        RecipientKind.Customer when !string.IsNullOrWhiteSpace(facts.CustomerEmail) => [(facts.CustomerEmail!, facts.CustomerName ?? "")],
        RecipientKind.SalesPartner when !string.IsNullOrWhiteSpace(facts.PartnerEmail) => [(facts.PartnerEmail!, facts.PartnerName ?? "")],
        RecipientKind.FixedAddresses => RuleAddresses.Split(rule.FixedAddresses).Select(a => (a, "")).ToList(),
        _ => [],
    };

    private static Dictionary<string, object?> Model(IDomainEvent domainEvent, Facts facts, string language, string recipientName)
    {
        var culture = CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "de-DE");
        var model = MessageTemplateKeys.ModelFor(domainEvent, culture, s => StatusLabel(s, culture));
        model["brand.name"] = facts.BrandName ?? "";
        model["customer.name"] = facts.CustomerName ?? "";
        model["customer.number"] = facts.CustomerNumber ?? "";
        model["partner.name"] = facts.PartnerName ?? "";
        model["recipient.name"] = recipientName;
        return model;
    }

    private static string StatusLabel(ContractStatus status, CultureInfo culture)
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
}

/// <summary>Fixed recipient addresses of a rule: separated by comma, semicolon or line breaks.</summary>
public static class RuleAddresses
{
    public static List<string> Split(string? addresses) =>
        (addresses ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>The first address that is not a valid mail address, or null when all are valid.</summary>
    public static string? FirstInvalid(string? addresses) =>
        Split(addresses).FirstOrDefault(a => !MimeKit.MailboxAddress.TryParse(a, out var m) || m.Address.IndexOf('@') <= 0 || m.Domain.Length == 0);
}
