using System.Linq.Expressions;
using Joules.Core.Domain.Audit;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Commissions;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Documents;
using Joules.Core.Domain.Identity;
using Joules.Core.Domain.Imports;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Events;
using Joules.Core.Tenancy;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Data;

/// <summary>The database context of Core's entities. Every tenant-owned set is filtered to the current user's
/// brand; saving stores raised domain events and audit entries in the same transaction.</summary>
public abstract class JoulesDbContext : IdentityDbContext<JoulesUser, JoulesRole, Guid>
{
    private readonly ICurrentUser _user;
    private readonly SaveChangesPipeline _pipeline;

    protected JoulesDbContext(DbContextOptions options, ICurrentUser user) : base(options)
    {
        _user = user;
        _pipeline = new SaveChangesPipeline(this, user);
    }

    /// <summary>The acting user.</summary>
    public ICurrentUser User => _user;

    // Referenced by the global query filters; EF Core reads them per query, so a user set after the
    // context was created (Blazor circuits) still applies.
    internal Guid CurrentBrandId => _user.BrandId ?? Guid.Empty;
    internal bool AllBrands => _user.AllBrands;
    internal bool PartnerRestricted => _user.VisiblePartnerIds is not null;
    internal List<Guid> PartnerIds => _user.VisiblePartnerIds?.ToList() ?? [];

    public DbSet<Brand> Brands => Set<Brand>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerConsent> CustomerConsents => Set<CustomerConsent>();
    public DbSet<SalesPartner> SalesPartners => Set<SalesPartner>();
    public DbSet<Tariff> Tariffs => Set<Tariff>();
    public DbSet<PriceList> PriceLists => Set<PriceList>();
    public DbSet<DeliveryArea> DeliveryAreas => Set<DeliveryArea>();
    public DbSet<DeliveryAreaPostalCode> DeliveryAreaPostalCodes => Set<DeliveryAreaPostalCode>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<ContractStatusEvent> ContractStatusEvents => Set<ContractStatusEvent>();
    public DbSet<MeterReading> MeterReadings => Set<MeterReading>();
    public DbSet<CommissionEntry> CommissionEntries => Set<CommissionEntry>();
    public DbSet<CommissionStatement> CommissionStatements => Set<CommissionStatement>();
    public DbSet<ContractDocument> ContractDocuments => Set<ContractDocument>();
    public DbSet<DocumentContent> DocumentContents => Set<DocumentContent>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<StoredDomainEvent> DomainEvents => Set<StoredDomainEvent>();
    public DbSet<DomainEventReceipt> DomainEventReceipts => Set<DomainEventReceipt>();
    public DbSet<TransferRun> TransferRuns => Set<TransferRun>();
    public DbSet<TransferSchedule> TransferSchedules => Set<TransferSchedule>();
    public DbSet<Domain.Installation.InstallationInfo> Installation => Set<Domain.Installation.InstallationInfo>();
    public DbSet<Domain.Plugins.PluginInstallation> PluginInstallations => Set<Domain.Plugins.PluginInstallation>();
    public DbSet<Domain.Plugins.InstalledLicence> InstalledLicences => Set<Domain.Plugins.InstalledLicence>();
    public DbSet<Domain.Plugins.JobRun> JobRuns => Set<Domain.Plugins.JobRun>();
    public DbSet<Domain.Messaging.SmtpSettings> SmtpSettings => Set<Domain.Messaging.SmtpSettings>();
    public DbSet<Domain.Messaging.OutboxMessage> OutboxMessages => Set<Domain.Messaging.OutboxMessage>();
    public DbSet<Domain.Messaging.MessageTemplate> MessageTemplates => Set<Domain.Messaging.MessageTemplate>();
    public DbSet<Domain.Messaging.CapturedMail> CapturedMails => Set<Domain.Messaging.CapturedMail>();
    public DbSet<Domain.Messaging.MessengerChannel> MessengerChannels => Set<Domain.Messaging.MessengerChannel>();
    public DbSet<Domain.Credit.ScoreRangeRule> ScoreRangeRules => Set<Domain.Credit.ScoreRangeRule>();
    public DbSet<Domain.Credit.CreditCheckSettings> CreditCheckSettings => Set<Domain.Credit.CreditCheckSettings>();
    public DbSet<Domain.Credit.BureauRoute> BureauRoutes => Set<Domain.Credit.BureauRoute>();
    public DbSet<Domain.Credit.CreditCheck> CreditChecks => Set<Domain.Credit.CreditCheck>();
    public DbSet<Domain.Credit.CreditReview> CreditReviews => Set<Domain.Credit.CreditReview>();
    public DbSet<Domain.Credit.CreditBureauConnection> CreditBureauConnections => Set<Domain.Credit.CreditBureauConnection>();
    public DbSet<OrderSubmission> OrderSubmissions => Set<OrderSubmission>();
    public DbSet<Domain.MarketData.MarketDataConnection> MarketDataConnections => Set<Domain.MarketData.MarketDataConnection>();
    public DbSet<Domain.MarketData.MarketDataCacheEntry> MarketDataCache => Set<Domain.MarketData.MarketDataCacheEntry>();

    /// <summary>Queues an event that no entity raised (an import finished, …); it is stored with the next save.</summary>
    public void Publish(IDomainEvent domainEvent) => _pipeline.Publish(domainEvent);

    /// <summary>Adds an audit entry for an action that changes no row (an export, a sign-in…).</summary>
    public void Audit(string action, string entityType, string? entityId, string? details = null) =>
        AuditEntries.Add(new AuditEntry
        {
            Action = action, EntityType = entityType, EntityId = entityId, Changes = details,
            UserId = _user.UserId, UserName = _user.UserName, BrandId = _user.BrandId,
        });

    /// <summary>True while a <see cref="SuppressAuditAndEvents"/> scope is open.</summary>
    public bool AuditAndEventsSuppressed { get; private set; }

    /// <summary>For trusted bulk paths only (demo data, first-time data loads run by the system): saves inside the
    /// returned scope skip the per-row audit entries and drop the raised domain events instead of storing them.
    /// Tenant and append-only rules are still enforced. The caller must write one summarising entry with
    /// <see cref="Audit"/> so the bulk load itself is visible in the audit trail. Dispose the scope to restore the
    /// normal behaviour.</summary>
    public IDisposable SuppressAuditAndEvents()
    {
        if (AuditAndEventsSuppressed) throw new InvalidOperationException("Audit and events are already suppressed on this context.");
        AuditAndEventsSuppressed = true;
        return new SuppressionScope(this);
    }

    private sealed class SuppressionScope(JoulesDbContext db) : IDisposable
    {
        public void Dispose() => db.AuditAndEventsSuppressed = false;
    }

    /// <summary>Raised after a save that stored domain events, so the dispatcher can start at once.</summary>
    public static event Action? EventsStored;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var storedEvents = _pipeline.BeforeSave(AuditAndEventsSuppressed);
        int result;
        using (await EnterWriteAsync(cancellationToken))
            result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        _pipeline.AfterSave();
        if (storedEvents > 0) EventsStored?.Invoke();
        return result;
    }

    /// <summary>Waits for the provider's turn to write, if it has one (SQLite has one writer at a time); the result is
    /// disposed after the save.</summary>
    protected virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(JoulesDbContext).Assembly, t => t.Namespace == "Joules.Core.Data.Configurations");
        builder.Entity<JoulesUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.Property(x => x.PreferredCulture).HasMaxLength(10);
            u.HasIndex(x => x.BrandId);
        });

        // Keys are created in the application: an entity reached through a navigation is new, not modified.
        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
            builder.Entity(entityType.ClrType).Property(nameof(Entity.Id)).ValueGeneratedNever();

        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null && !t.IsOwned()))
        {
            typeof(JoulesDbContext).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType).Invoke(this, [builder]);
            builder.Entity(entityType.ClrType).HasOne(typeof(Brand)).WithMany().HasForeignKey(nameof(ITenantOwned.BrandId)).OnDelete(DeleteBehavior.Restrict);
        }

        builder.Entity<Contract>().HasQueryFilter(CoreModel.PartnerFilter,
            c => !PartnerRestricted || (c.SalesPartnerId != null && PartnerIds.Contains(c.SalesPartnerId.Value)));
        builder.Entity<CommissionEntry>().HasQueryFilter(CoreModel.PartnerFilter,
            e => !PartnerRestricted || PartnerIds.Contains(e.SalesPartnerId));
        builder.Entity<CommissionStatement>().HasQueryFilter(CoreModel.PartnerFilter,
            s => !PartnerRestricted || PartnerIds.Contains(s.SalesPartnerId));
        builder.Entity<SalesPartner>().HasQueryFilter(CoreModel.PartnerFilter,
            p => !PartnerRestricted || PartnerIds.Contains(p.Id));
    }

    private void ApplyTenantFilter<T>(ModelBuilder builder) where T : class, ITenantOwned
    {
        Expression<Func<T, bool>> filter = e => AllBrands || e.BrandId == CurrentBrandId;
        builder.Entity<T>().HasQueryFilter(CoreModel.TenantFilter, filter);
    }
}
