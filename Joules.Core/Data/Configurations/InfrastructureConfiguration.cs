using Joules.Core.Domain.Audit;
using Joules.Core.Domain.Imports;
using Joules.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.UserName).HasMaxLength(100);
        b.Property(x => x.Action).HasMaxLength(50);
        b.Property(x => x.EntityType).HasMaxLength(100);
        b.Property(x => x.EntityId).HasMaxLength(100);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.EntityType, x.EntityId });
    }
}

internal sealed class StoredDomainEventConfiguration : IEntityTypeConfiguration<StoredDomainEvent>
{
    public void Configure(EntityTypeBuilder<StoredDomainEvent> b)
    {
        b.ToTable("DomainEvents");
        b.Property(x => x.Type).HasMaxLength(300);
        b.Property(x => x.LockedBy).HasMaxLength(100);
        b.Property(x => x.LastError).HasMaxLength(4000);
        b.HasIndex(x => new { x.DispatchedAt, x.Failed, x.NextAttemptAt });
    }
}

internal sealed class DomainEventReceiptConfiguration : IEntityTypeConfiguration<DomainEventReceipt>
{
    public void Configure(EntityTypeBuilder<DomainEventReceipt> b)
    {
        b.ToTable("DomainEventReceipts");
        b.HasKey(x => new { x.EventId, x.Handler });
        b.Property(x => x.Handler).HasMaxLength(300);
    }
}

internal sealed class TransferRunConfiguration : IEntityTypeConfiguration<TransferRun>
{
    public void Configure(EntityTypeBuilder<TransferRun> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.TriggeredBy).HasMaxLength(100);
        b.HasIndex(x => new { x.BrandId, x.StartedAt });
    }
}

internal sealed class TransferScheduleConfiguration : IEntityTypeConfiguration<TransferSchedule>
{
    public void Configure(EntityTypeBuilder<TransferSchedule> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Cron).HasMaxLength(100);
        b.Property(x => x.Folder).HasMaxLength(500);
    }
}
