using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Messaging.Templates;
using Joules.Core.Plugins;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.SystemMessages;

/// <summary>The rules and the log for the page: list, save (validated), enable/disable, delete.</summary>
public sealed class RuleService(IDbContextFactory<SystemMessagesDb> factory, IDbContextFactory<JoulesDbContext> coreFactory,
    ICurrentUser user, IPluginContext plugin)
{
    /// <summary>The event keys rules can react to in this version.</summary>
    public static readonly IReadOnlyList<string> SupportedKeys = [MessageTemplateKeys.ContractStatusChanged, MessageTemplateKeys.ContractCreated];

    public bool CanWrite => plugin.AllowsChanges;

    /// <summary>The signed-in user's own brand (null for administrators of all brands).</summary>
    public Guid? UserBrandId => user.BrandId;

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

    public async Task<List<NotificationLogEntry>> LogAsync(Guid brandId, int take = 100)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Log.AsNoTracking().Where(l => l.BrandId == brandId).OrderByDescending(l => l.CreatedAt).Take(take).ToListAsync();
    }

    /// <summary>Checks a rule; throws <see cref="DomainException"/> naming the field.</summary>
    public static void Validate(NotificationRule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.Name)) throw new DomainException("Bitte einen Namen angeben.", nameof(rule.Name));
        if (rule.Name.Trim().Length > 200) throw new DomainException("Der Name darf höchstens 200 Zeichen lang sein.", nameof(rule.Name));
        if (!SupportedKeys.Contains(rule.EventKey)) throw new DomainException($"Unbekanntes Ereignis „{rule.EventKey}“.", nameof(rule.EventKey));
        if (!MessageTemplateService.Languages.Contains(rule.Language)) throw new DomainException($"Unbekannte Sprache „{rule.Language}“.", nameof(rule.Language));
        if (rule.RecipientKind == RecipientKind.FixedAddresses)
        {
            if (RuleAddresses.Split(rule.FixedAddresses).Count == 0)
                throw new DomainException("Bitte mindestens eine Empfängeradresse angeben.", nameof(rule.FixedAddresses));
            if (RuleAddresses.FirstInvalid(rule.FixedAddresses) is { } bad)
                throw new DomainException($"„{bad}“ ist keine gültige E-Mail-Adresse.", nameof(rule.FixedAddresses));
            if ((rule.FixedAddresses ?? "").Length > 2000)
                throw new DomainException("Die Empfängeradressen dürfen höchstens 2000 Zeichen lang sein.", nameof(rule.FixedAddresses));
        }
    }

    public async Task SaveAsync(NotificationRule rule)
    {
        Validate(rule);
        rule.Name = rule.Name.Trim();
        if (rule.EventKey != MessageTemplateKeys.ContractStatusChanged) rule.StatusFilter = null;
        rule.FixedAddresses = rule.RecipientKind == RecipientKind.FixedAddresses ? string.Join(", ", RuleAddresses.Split(rule.FixedAddresses)) : null;
        await using var db = await factory.CreateDbContextAsync();
        var existing = await db.Rules.FirstOrDefaultAsync(r => r.Id == rule.Id);
        if (existing is null)
        {
            db.Rules.Add(rule);
        }
        else
        {
            existing.Name = rule.Name;
            existing.Enabled = rule.Enabled;
            existing.EventKey = rule.EventKey;
            existing.StatusFilter = rule.StatusFilter;
            existing.RecipientKind = rule.RecipientKind;
            existing.FixedAddresses = rule.FixedAddresses;
            existing.Language = rule.Language;
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
}
