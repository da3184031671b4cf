using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using System.Text.Json;
using Joules.Core.Events;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Messaging.Templates;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.SystemMessages;

/// <summary>Turns a domain event (Core's, or a plugin's <see cref="INotifiableEvent"/>) into messages: for each enabled
/// rule of the event's brand whose conditions hold, resolves the recipients, renders the brand's current template for
/// the rule's channel and queues one outbox message per recipient, then logs it (recipients that cannot be notified are
/// logged with the reason). Idempotent per stored event: a redelivered event finds its messages (idempotency key) and
/// log entries and adds nothing, while the same change made again (another stored event) notifies again.</summary>
public sealed class NotificationDispatcher(IDbContextFactory<SystemMessagesDb> pluginDb, JoulesDbContext db, NotificationPlanner planner)
{
    public async Task DispatchAsync(IDomainEvent domainEvent, CancellationToken ct)
    {
        if (domainEvent.BrandId is not { } brandId) return;
        var key = MessageTemplateKeys.ForEvent(domainEvent);
        if (key is null) return;

        await using var rulesDb = await pluginDb.CreateDbContextAsync(ct);
        var rules = await rulesDb.Rules.Where(r => r.BrandId == brandId && r.Enabled && r.EventKey == key).ToListAsync(ct);
        if (rules.Count == 0) return;

        var facts = await planner.LoadFactsAsync(domainEvent, brandId, ct);
        var identity = EventIdentity(domainEvent);
        foreach (var rule in rules.OrderBy(r => r.CreatedAt))
        {
            if (await planner.MismatchAsync(rule, facts, ct) is not null) continue;
            var recipients = await planner.RecipientsAsync(rule, facts, ct);
            ResolvedTemplate? template = null;
            foreach (var recipient in recipients)
            {
                var entry = new NotificationLogEntry
                {
                    BrandId = brandId, RuleId = rule.Id, RuleName = rule.Name, EventKey = key, EventIdentity = identity,
                    Recipient = Truncate(recipient.Display ?? recipient.To, 500), Channel = rule.Channel,
                };
                if (recipient.To is null)
                {
                    entry.Reason = Truncate(recipient.Reason, 1000);
                    await LogOnceAsync(rulesDb, entry, ct);
                    continue;
                }
                try
                {
                    template ??= await planner.TemplateAsync(rule, ct);
                    var model = NotificationPlanner.Model(domainEvent, facts, rule.Language, recipient.Name);
                    var rendered = await planner.RenderAsync(template, model, ct);
                    var queued = await QueueAsync(db, rule, brandId, IdempotencyKey(rule.Id, identity, recipient.To), recipient.To, rendered,
                        $"rule:{rule.Id}", ct);
                    await db.SaveChangesAsync(ct);
                    entry.OutboxMessageId = queued.Message.Id;
                    entry.Subject = Truncate(rendered.Subject.Length > 0 ? rendered.Subject : rendered.Text, 500);
                }
                catch (DomainException ex)
                {
                    // A bad address or a template that cannot be rendered: log it, do not stop the other recipients and rules.
                    db.ChangeTracker.Clear();
                    entry.Reason = Truncate(ex.Message, 1000);
                }
                await LogOnceAsync(rulesDb, entry, ct);
            }
        }
    }

    /// <summary>Queues a rendered message on the rule's channel (not saved).</summary>
    public static Task<QueuedMessage> QueueAsync(JoulesDbContext db, NotificationRule rule, Guid brandId, string idempotencyKey, string to,
        RenderedMessage rendered, string source, CancellationToken ct) => rule.Channel switch
    {
        MessageChannel.Mail => db.QueueMailAsync(brandId, idempotencyKey, to, rendered.Subject, rendered.Html, rendered.Text, source: source,
            templateId: rendered.TemplateId, templateVersion: rendered.Version, ct: ct),
        _ => db.QueueMessageAsync(rule.Channel, brandId, idempotencyKey, to, rendered.Subject, rendered.Text, source: source,
            templateId: rendered.TemplateId, templateVersion: rendered.Version, ct: ct),
    };

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    /// <summary>What identifies the event for idempotency: what it is about (the contract and the transition, the import
    /// run, …) and, while the dispatcher delivers a stored event, that event's id, so the same change made twice
    /// notifies twice while a redelivery of one event notifies once.</summary>
    public static string EventIdentity(IDomainEvent domainEvent)
    {
        var about = domainEvent switch
        {
            ContractStatusChanged e => $"{e.ContractId:N}:{e.From}>{e.To}",
            ContractCreated e => $"{e.ContractId:N}:created",
            CustomerCreated e => $"{e.CustomerId:N}:customer",
            ImportCompleted e => $"{e.RunId:N}:import",
            ImportFailed e => $"{e.RunId:N}:import-failed",
            ExportCompleted e => $"{e.RunId:N}:export",
            CommissionSettlementReleased e => $"{e.StatementId:N}:released",
            _ => $"{Hash(MessageTemplateKeys.ForEvent(domainEvent) ?? domainEvent.GetType().FullName!)}:{Hash(JsonSerializer.Serialize(domainEvent, domainEvent.GetType()))}",
        };
        return DomainEventDelivery.Current is { } delivery
            ? $"{about}#{delivery.EventId.ToString(CultureInfo.InvariantCulture)}"
            : about;
    }

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..24];

    public static string IdempotencyKey(Guid ruleId, string identity, string recipient)
    {
        var key = $"sysmsg:{ruleId:N}:{identity}:{recipient.ToLowerInvariant()}";
        if (key.Length <= 200) return key;
        var hash = Hash(recipient.ToLowerInvariant());
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
}

/// <summary>Fixed recipient addresses of a rule: separated by comma, semicolon or line breaks.</summary>
public static class RuleAddresses
{
    public static List<string> Split(string? addresses) =>
        (addresses ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>The first address the outbox would refuse, or null when all are valid.</summary>
    public static string? FirstInvalid(string? addresses) =>
        Split(addresses).FirstOrDefault(a => !OutboxWriter.TryParseAddress(a, out _));
}
