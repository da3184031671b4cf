using Joules.Core.Domain.Brands;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> b)
    {
        b.Property(x => x.Code).HasMaxLength(10);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.PrimaryColor).HasMaxLength(20);
        b.Property(x => x.LogoUrl).HasMaxLength(500);
        b.Property(x => x.LegalName).HasMaxLength(200);
        b.HasIndex(x => x.Code).IsUnique();
    }
}
