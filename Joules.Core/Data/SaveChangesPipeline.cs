using System.Text.Json;
using Joules.Core.Domain.Audit;
using Joules.Core.Domain.Commissions;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Documents;
using Joules.Core.Events;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Joules.Core.Data;

/// <summary>What every save does before it reaches the database: enforce the tenant boundary and append-only
/// rules, turn raised domain events into event rows, and write audit entries.</summary>
internal sealed class SaveChangesPipeline(JoulesDbContext db, ICurrentUser user)
{
    private static readonly HashSet<string> SecretProperties = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Data", nameof(Domain.Messaging.SmtpSettings.ProtectedPassword), nameof(Domain.Credit.CreditBureauConnection.ProtectedApiKey)];
    // Not audited: the audit log itself, the event outbox, mail and job bookkeeping, document bodies, and append-only
    // records that carry their own actor and time (contract status history, credit checks), and stored market data answers.
    private static readonly HashSet<Type> NotAudited = [typeof(ContractStatusEvent), typeof(Domain.Credit.CreditCheck), typeof(Domain.MarketData.MarketDataCacheEntry), typeof(AuditEntry), typeof(StoredDomainEvent), typeof(DomainEventReceipt), typeof(DocumentContent), typeof(Domain.Plugins.JobRun), typeof(Domain.Messaging.OutboxMessage), typeof(Domain.Messaging.CapturedMail), typeof(Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>)];
    private readonly List<IDomainEvent> _published = [];
    private List<AggregateRoot> _raisers = [];
    private List<Guid> _configuredBrands = [];

    public void Publish(IDomainEvent domainEvent) => _published.Add(domainEvent);

    /// <summary>Validates the pending changes and adds event and audit rows; returns the number of events stored.
    /// With <paramref name="suppressed"/> (trusted bulk loads) only the validation runs and raised events are dropped.</summary>
    public int BeforeSave(bool suppressed = false)
    {
        var entries = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        foreach (var entry in entries)
        {
            EnforceTenant(entry);
            EnforceAppendOnly(entry);
        }
        _configuredBrands = entries.Select(e => e.Entity).OfType<IBrandConfiguration>().Select(c => c.BrandId).Distinct().ToList();
        if (suppressed)
        {
            foreach (var raiser in db.ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity)) raiser.ClearDomainEvents();
            _published.Clear();
            return 0;
        }

        var audits = entries.Where(e => !NotAudited.Contains(e.Metadata.ClrType) && !e.Metadata.IsOwned()).Select(ToAudit).OfType<AuditEntry>().ToList();
        db.AuditEntries.AddRange(audits);

        _raisers = db.ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(a => a.DomainEvents.Count > 0).ToList();
        var events = _raisers.SelectMany(a => a.DomainEvents).Concat(_published).ToList();
        var now = DateTimeOffset.UtcNow;
        db.DomainEvents.AddRange(events.Select(e => new StoredDomainEvent
        {
            Type = DomainEventTypes.NameOf(e.GetType()),
            Payload = JsonSerializer.Serialize(e, e.GetType()),
            BrandId = e.BrandId,
            OccurredAt = now,
            NextAttemptAt = now,
        }));
        return events.Count;
    }

    public void AfterSave()
    {
        foreach (var brandId in _configuredBrands) Tenancy.BrandConfigurationCache.Invalidate(brandId);
        _configuredBrands = [];
        foreach (var raiser in _raisers) raiser.ClearDomainEvents();
        _raisers = [];
        _published.Clear();
    }

    private void EnforceTenant(EntityEntry entry)
    {
        if (entry.Entity is not ITenantOwned owned) return;
        if (entry.State == EntityState.Added && owned.BrandId == Guid.Empty)
        {
            owned.BrandId = user.BrandId ?? throw new TenantAccessException(CoreText.Get("Tenant.BrandRequired"));
        }
        if (user.AllBrands) return;
        var original = entry.State == EntityState.Added ? owned.BrandId : (Guid)entry.Property(nameof(ITenantOwned.BrandId)).OriginalValue!;
        if (original != user.BrandId || owned.BrandId != user.BrandId)
            throw new TenantAccessException(CoreText.Get("Tenant.OtherBrand"));
    }

    private static void EnforceAppendOnly(EntityEntry entry)
    {
        switch (entry.Entity)
        {
            case ContractStatusEvent or CustomerConsent or AuditEntry or Domain.Messaging.MessageTemplate when entry.State != EntityState.Added:
                throw new DomainException(CoreText.Get("History.AppendOnly"));
            case CommissionEntry when entry.State == EntityState.Deleted:
                throw new DomainException(CoreText.Get("Commission.NeverDeleted"));
            case CommissionEntry when entry.State == EntityState.Modified && entry.Property(nameof(CommissionEntry.PaidAt)).OriginalValue is not null:
                throw new DomainException(CoreText.Get("Commission.PaidImmutable"));
            case CommissionEntry when entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && p.Metadata.Name is not (nameof(CommissionEntry.StatementId) or nameof(CommissionEntry.PaidAt))):
                throw new DomainException(CoreText.Get("Commission.AmountImmutable"));
        }
    }

    /// <summary>The audit row of a change, or null for a modification that changed nothing worth showing
    /// (only concurrency or security stamps).</summary>
    private AuditEntry? ToAudit(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            if (SecretProperties.Contains(p.Metadata.Name) || p.Metadata.IsShadowProperty() && p.Metadata.IsForeignKey() == false && entry.State != EntityState.Modified) continue;
            switch (entry.State)
            {
                case EntityState.Added: changes[p.Metadata.Name] = p.CurrentValue; break;
                case EntityState.Deleted: changes[p.Metadata.Name] = p.OriginalValue; break;
                case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                    changes[p.Metadata.Name] = new { old = p.OriginalValue, @new = p.CurrentValue }; break;
            }
        }
        foreach (var c in entry.ComplexProperties)
        {
            if (entry.State == EntityState.Modified && !c.IsModified) continue;
            changes[c.Metadata.Name] = c.CurrentValue?.ToString();
        }
        if (entry.State == EntityState.Modified && changes.Count == 0) return null;
        var key = entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString());
        return new AuditEntry
        {
            Action = entry.State.ToString(),
            EntityType = entry.Metadata.ClrType.Name.Split('`')[0],
            EntityId = key is null ? null : string.Join("/", key),
            Changes = JsonSerializer.Serialize(changes),
            UserId = user.UserId,
            UserName = user.UserName,
            BrandId = (entry.Entity as ITenantOwned)?.BrandId ?? user.BrandId,
        };
    }
}
