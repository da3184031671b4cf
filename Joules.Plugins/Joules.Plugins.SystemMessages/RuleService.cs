using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Identity;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Messaging.Sms;
using Joules.Core.Messaging.Templates;
using Joules.Core.Plugins;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.SystemMessages;

/// <summary>Where a logged notification stands: not queued (with a reason) or the state of its outbox message.</summary>
public enum LogState
{
    NotQueued,
    Queued,
    Sent,
    Failed,
    Delivered,
    Undeliverable,
    Deferred,
}

/// <summary>One row of the log with the delivery state of its outbox message.</summary>
public sealed record LogRow(NotificationLogEntry Entry, LogState State, string? Detail);

/// <summary>A page of the log: filter by rule and state, search by recipient.</summary>
public sealed record LogQuery(int Page, int PageSize, Guid? RuleId = null, LogState? State = null, string? Recipient = null);

/// <summary>A named choice for the rule dialog.</summary>
public sealed record Choice(Guid Id, string Name);

/// <summary>The rules and the log for the page: list, save (validated), enable/disable, delete.</summary>
public sealed class RuleService(IDbContextFactory<SystemMessagesDb> factory, IDbContextFactory<JoulesDbContext> coreFactory,
    ICurrentUser user, IPluginContext plugin, MessageTemplateService templates, IMessageChannelAvailability channels)
{
    public bool CanWrite => plugin.AllowsChanges;

    /// <summary>The signed-in user's own brand (null for administrators of all brands).</summary>
    public Guid? UserBrandId => user.BrandId;

    /// <summary>The event keys rules can react to: Core's events and those of loaded plugins.</summary>
    public IReadOnlyList<MessageTemplateKey> EventKeys => templates.Catalogue.Events;

    /// <summary>The event's description; the key itself when its plugin is not loaded.</summary>
    public string EventName(string key) => templates.Catalogue.Find(key)?.Description ?? key;

    /// <summary>True while an SMS plugin delivers messages.</summary>
    public bool SmsAvailable => channels.IsAvailable(MessageChannel.Sms);

    /// <summary>Brands the user may administer rules for (id, name).</summary>
    public async Task<List<(Guid Id, string Name)>> BrandsAsync()
    {
        await using var db = await coreFactory.CreateDbContextAsync();
        var brands = await db.Brands.AsNoTracking().OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync();
        return brands.Where(b => user.AllBrands || b.Id == user.BrandId).Select(b => (b.Id, b.Name)).ToList();
    }

    public async Task<List<NotificationRule>> RulesAsync(Guid brandId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var rules = await db.Rules.AsNoTracking().Where(r => r.BrandId == brandId).ToListAsync();
        return rules.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>The brand's enabled messenger channels.</summary>
    public async Task<List<Choice>> MessengerChannelsAsync(Guid brandId, bool includeDisabled = false)
    {
        await using var db = await coreFactory.CreateDbContextAsync();
        var list = await db.MessengerChannels.AsNoTracking().Where(c => c.BrandId == brandId && (includeDisabled || c.Enabled))
            .Select(c => new Choice(c.Id, c.Name)).ToListAsync();
        return list.OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>The brand's sales partners, indented by hierarchy.</summary>
    public async Task<List<Choice>> PartnersAsync(Guid brandId)
    {
        await using var db = await coreFactory.CreateDbContextAsync();
        var list = await db.SalesPartners.AsNoTracking().Where(p => p.BrandId == brandId)
            .Select(p => new { p.Id, p.Name, p.PartnerNumber, p.HierarchyPath, p.Depth }).ToListAsync();
        return list.OrderBy(p => p.HierarchyPath, StringComparer.Ordinal)
            .Select(p => new Choice(p.Id, new string('\u00A0', p.Depth * 3) + $"{p.Name} ({p.PartnerNumber})")).ToList();
    }

    /// <summary>Checks a rule; throws <see cref="DomainException"/> naming the field (and the bad entry).</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="eventKeys">The event keys known now.</param>
    /// <param name="smsAvailable">Whether a new SMS rule may be created.</param>
    /// <param name="wasSms">The stored rule already sends SMS (kept when no SMS plugin runs).</param>
    public static void Validate(NotificationRule rule, IReadOnlyCollection<string> eventKeys, bool smsAvailable = true, bool wasSms = false)
    {
        if (string.IsNullOrWhiteSpace(rule.Name)) throw new DomainException("Bitte einen Namen angeben.", nameof(rule.Name));
        if (rule.Name.Trim().Length > 200) throw new DomainException("Der Name darf höchstens 200 Zeichen lang sein.", nameof(rule.Name));
        if (!eventKeys.Contains(rule.EventKey)) throw new DomainException($"Unbekanntes Ereignis „{rule.EventKey}“.", nameof(rule.EventKey));
        if (!MessageTemplateService.Languages.Contains(rule.Language)) throw new DomainException($"Unbekannte Sprache „{rule.Language}“.", nameof(rule.Language));
        if (!Enum.IsDefined(rule.Channel)) throw new DomainException("Unbekannter Kanal.", nameof(rule.Channel));
        if (rule.Channel == MessageChannel.Sms && !smsAvailable && !wasSms)
            throw new DomainException("SMS kann nicht gewählt werden: Es ist kein SMS-Plugin aktiv.", nameof(rule.Channel));
        if (rule.Channel == MessageChannel.Messenger)
        {
            if (rule.MessengerChannelId is null) throw new DomainException("Bitte einen Messenger-Kanal wählen.", nameof(rule.MessengerChannelId));
            return;
        }
        if (!Enum.IsDefined(rule.RecipientKind)) throw new DomainException("Unbekannte Empfängerart.", nameof(rule.RecipientKind));
        if (rule.RecipientKind == RecipientKind.Role && (string.IsNullOrWhiteSpace(rule.RoleName) || !Roles.All.Contains(rule.RoleName)))
            throw new DomainException("Bitte eine Rolle wählen.", nameof(rule.RoleName));
        if (rule.RecipientKind == RecipientKind.FixedAddresses)
        {
            var entries = RuleAddresses.Split(rule.FixedAddresses);
            if (rule.Channel == MessageChannel.Sms)
            {
                if (entries.Count == 0) throw new DomainException("Bitte mindestens eine Empfängernummer angeben.", nameof(rule.FixedAddresses));
                foreach (var entry in entries)
                    if (!PhoneNumbers.TryNormalize(entry, NotificationPlanner.PhoneCountry, out _, out var error))
                        throw new DomainException($"Empfängernummern: {error}", nameof(rule.FixedAddresses));
            }
            else
            {
                if (entries.Count == 0) throw new DomainException("Bitte mindestens eine Empfängeradresse angeben.", nameof(rule.FixedAddresses));
                if (RuleAddresses.FirstInvalid(rule.FixedAddresses) is { } bad)
                    throw new DomainException($"Empfängeradressen: „{bad}“ ist keine gültige E-Mail-Adresse.", nameof(rule.FixedAddresses));
            }
            if (Normalized(rule).Length > 2000)
                throw new DomainException("Die Empfängeradressen dürfen höchstens 2000 Zeichen lang sein.", nameof(rule.FixedAddresses));
        }
    }

    /// <summary>The fixed addresses as stored: mail addresses as typed, phone numbers in E.164; comma-separated.</summary>
    private static string Normalized(NotificationRule rule) => string.Join(", ", RuleAddresses.Split(rule.FixedAddresses)
        .Select(a => rule.Channel == MessageChannel.Sms && PhoneNumbers.TryNormalize(a, NotificationPlanner.PhoneCountry, out var e164, out _) ? e164 : a)
        .Distinct(StringComparer.OrdinalIgnoreCase));

    public async Task SaveAsync(NotificationRule rule)
    {
        await using var db = await factory.CreateDbContextAsync();
        var existing = await db.Rules.FirstOrDefaultAsync(r => r.Id == rule.Id);
        Validate(rule, EventKeys.Select(k => k.Key).ToList(), SmsAvailable, existing?.Channel == MessageChannel.Sms);
        await using (var core = await coreFactory.CreateDbContextAsync())
        {
            if (rule.Channel == MessageChannel.Messenger
                && !await core.MessengerChannels.AnyAsync(c => c.Id == rule.MessengerChannelId && c.BrandId == rule.BrandId))
                throw new DomainException("Der gewählte Messenger-Kanal gehört nicht zur Marke.", nameof(rule.MessengerChannelId));
            if (rule.PartnerFilterId is { } partnerId && !await core.SalesPartners.AnyAsync(p => p.Id == partnerId && p.BrandId == rule.BrandId))
                throw new DomainException("Der gewählte Vertriebspartner gehört nicht zur Marke.", nameof(rule.PartnerFilterId));
        }

        rule.Name = rule.Name.Trim();
        if (rule.EventKey != MessageTemplateKeys.ContractStatusChanged) rule.StatusFilter = null;
        if (rule.PartnerFilterId is null) rule.IncludeSubPartners = false;
        if (rule.Channel != MessageChannel.Messenger) rule.MessengerChannelId = null;
        if (rule.Channel == MessageChannel.Messenger || rule.RecipientKind != RecipientKind.Role) rule.RoleName = null;
        rule.FixedAddresses = rule.Channel != MessageChannel.Messenger && rule.RecipientKind == RecipientKind.FixedAddresses ? Normalized(rule) : null;
        if (existing is null)
        {
            db.Rules.Add(rule.Copy());
        }
        else
        {
            var (createdAt, brandId) = (existing.CreatedAt, existing.BrandId);
            db.Entry(existing).CurrentValues.SetValues(rule);
            (existing.CreatedAt, existing.BrandId) = (createdAt, brandId);
        }
        await db.SaveChangesAsync();
    }

    public async Task SetEnabledAsync(Guid ruleId, bool enabled)
    {
        await using var db = await factory.CreateDbContextAsync();
        var rule = await db.Rules.FirstOrDefaultAsync(r => r.Id == ruleId) ?? throw new DomainException("Die Regel gibt es nicht mehr.");
        rule.Enabled = enabled;
        await db.SaveChangesAsync();
    }

    public async Task DeleteAsync(Guid ruleId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var rule = await db.Rules.FirstOrDefaultAsync(r => r.Id == ruleId);
        if (rule is null) return;
        db.Rules.Remove(rule);
        await db.SaveChangesAsync();
    }

    /// <summary>A page of the brand's log, newest first, each row with the delivery state of its outbox message
    /// (read with a second query from Core's outbox).</summary>
    public async Task<(List<LogRow> Rows, int Total)> LogAsync(Guid brandId, LogQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var core = await coreFactory.CreateDbContextAsync(ct);
        var log = db.Log.AsNoTracking().Where(l => l.BrandId == brandId);
        if (query.RuleId is { } ruleId) log = log.Where(l => l.RuleId == ruleId);
        if (!string.IsNullOrWhiteSpace(query.Recipient))
        {
            var search = query.Recipient.Trim().ToLower();
            log = log.Where(l => l.Recipient != null && l.Recipient.ToLower().Contains(search));
        }
        if (query.State is LogState.NotQueued)
        {
            log = log.Where(l => l.OutboxMessageId == null);
        }
        else if (query.State is { } state)
        {
            var ids = await StateFilter(core.OutboxMessages.AsNoTracking().Where(m => m.BrandId == brandId && m.Source != null && m.Source.StartsWith("rule:")), state)
                .Select(m => (Guid?)m.Id).ToListAsync(ct);
            log = log.Where(l => ids.Contains(l.OutboxMessageId));
        }

        var total = await log.CountAsync(ct);
        var page = await log.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        var outboxIds = page.Where(l => l.OutboxMessageId != null).Select(l => l.OutboxMessageId!.Value).ToList();
        var messages = await core.OutboxMessages.AsNoTracking().Where(m => outboxIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Status, m.LastError, m.DeliveryState, m.DeliveryDetail }).ToDictionaryAsync(m => m.Id, ct);
        var rows = page.Select(l =>
        {
            if (l.OutboxMessageId is not { } id) return new LogRow(l, LogState.NotQueued, l.Reason);
            if (!messages.TryGetValue(id, out var m)) return new LogRow(l, LogState.Queued, null);
            var state = StateOf(m.Status, m.DeliveryState);
            var detail = state switch
            {
                LogState.Failed => m.LastError,
                LogState.Undeliverable or LogState.Deferred or LogState.Delivered => m.DeliveryDetail,
                _ => null,
            };
            return new LogRow(l, state, detail);
        }).ToList();
        return (rows, total);
    }

    public static LogState StateOf(OutboxStatus status, DeliveryState delivery) => (status, delivery) switch
    {
        (OutboxStatus.Failed, _) => LogState.Failed,
        (_, DeliveryState.Delivered) => LogState.Delivered,
        (_, DeliveryState.Undeliverable) => LogState.Undeliverable,
        (_, DeliveryState.Deferred) => LogState.Deferred,
        (OutboxStatus.Sent, _) => LogState.Sent,
        _ => LogState.Queued,
    };

    private static IQueryable<OutboxMessage> StateFilter(IQueryable<OutboxMessage> q, LogState state) => state switch
    {
        LogState.Failed => q.Where(m => m.Status == OutboxStatus.Failed),
        LogState.Delivered => q.Where(m => m.Status != OutboxStatus.Failed && m.DeliveryState == DeliveryState.Delivered),
        LogState.Undeliverable => q.Where(m => m.Status != OutboxStatus.Failed && m.DeliveryState == DeliveryState.Undeliverable),
        LogState.Deferred => q.Where(m => m.Status != OutboxStatus.Failed && m.DeliveryState == DeliveryState.Deferred),
        LogState.Sent => q.Where(m => m.Status == OutboxStatus.Sent && m.DeliveryState == DeliveryState.Unknown),
        _ => q.Where(m => (m.Status == OutboxStatus.Queued || m.Status == OutboxStatus.Sending) && m.DeliveryState == DeliveryState.Unknown),
    };
}
