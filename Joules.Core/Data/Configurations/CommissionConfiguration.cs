using Joules.Core.Domain.Commissions;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.SalesPartners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal sealed class CommissionEntryConfiguration : IEntityTypeConfiguration<CommissionEntry>
{
    public void Configure(EntityTypeBuilder<CommissionEntry> b)
    {
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.Basis).HasMaxLength(1000);
        b.Ignore(x => x.IsPaid);
        b.HasIndex(x => new { x.SalesPartnerId, x.EarnedOn });
        b.HasIndex(x => x.ContractId);
        b.HasIndex(x => x.StatementId);
        b.HasOne<SalesPartner>().WithMany().HasForeignKey(x => x.SalesPartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Contract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CommissionEntry>().WithMany().HasForeignKey(x => x.CorrectsEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CommissionStatement>().WithMany().HasForeignKey(x => x.StatementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommissionStatementConfiguration : IEntityTypeConfiguration<CommissionStatement>
{
    public void Configure(EntityTypeBuilder<CommissionStatement> b)
    {
        b.Property(x => x.Number).HasMaxLength(30);
        b.Property(x => x.NetTotal).HasPrecision(18, 2);
        b.Property(x => x.VatRate).HasPrecision(5, 4);
        b.Property(x => x.VatAmount).HasPrecision(18, 2);
        b.Property(x => x.ReleasedBy).HasMaxLength(100);
        b.Ignore(x => x.GrossTotal);
        b.HasIndex(x => new { x.BrandId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.SalesPartnerId, x.PeriodStart });
        b.HasOne<SalesPartner>().WithMany().HasForeignKey(x => x.SalesPartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
