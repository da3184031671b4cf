using Joules.Core.Domain.SalesPartners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal sealed class SalesPartnerConfiguration : IEntityTypeConfiguration<SalesPartner>
{
    public void Configure(EntityTypeBuilder<SalesPartner> b)
    {
        b.Property(x => x.PartnerNumber).HasMaxLength(30);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.HierarchyPath).HasMaxLength(400);
        b.Property(x => x.ContactName).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Iban).HasMaxLength(34);
        b.ComplexProperty(x => x.Commission, c =>
        {
            c.Property(x => x.ClosingFixed).HasPrecision(18, 2);
            c.Property(x => x.ClosingPerMwh).HasPrecision(18, 4);
            c.Property(x => x.ClosingMinMwh).HasPrecision(18, 3);
            c.Property(x => x.ClosingMaxMwh).HasPrecision(18, 3);
            c.Property(x => x.ServicingPerMwh).HasPrecision(18, 4);
            c.Property(x => x.ParentOverridePercent).HasPrecision(5, 2);
        });
        b.HasIndex(x => new { x.BrandId, x.PartnerNumber }).IsUnique();
        b.HasIndex(x => x.HierarchyPath);
        b.HasOne<SalesPartner>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
