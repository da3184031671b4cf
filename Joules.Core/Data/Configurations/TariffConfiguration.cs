using Joules.Core.Domain.Tariffs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal sealed class TariffConfiguration : IEntityTypeConfiguration<Tariff>
{
    public void Configure(EntityTypeBuilder<Tariff> b)
    {
        b.Property(x => x.Code).HasMaxLength(30);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.HasIndex(x => new { x.BrandId, x.Code }).IsUnique();
        b.HasMany(x => x.PriceLists).WithOne().HasForeignKey(x => x.TariffId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(x => x.PriceLists).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PriceListConfiguration : IEntityTypeConfiguration<PriceList>
{
    public void Configure(EntityTypeBuilder<PriceList> b)
    {
        b.Property(x => x.BasePricePerYear).HasPrecision(18, 6);
        b.Property(x => x.EnergyPriceCtPerKwh).HasPrecision(18, 6);
        b.Property(x => x.NewCustomerBonus).HasPrecision(18, 2);
        b.Property(x => x.InstantBonus).HasPrecision(18, 2);
        b.HasIndex(x => new { x.TariffId, x.DeliveryAreaId, x.Version }).IsUnique();
        b.HasOne<DeliveryArea>().WithMany().HasForeignKey(x => x.DeliveryAreaId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeliveryAreaConfiguration : IEntityTypeConfiguration<DeliveryArea>
{
    public void Configure(EntityTypeBuilder<DeliveryArea> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasMany(x => x.PostalCodes).WithOne().HasForeignKey(x => x.DeliveryAreaId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.PostalCodes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DeliveryAreaPostalCodeConfiguration : IEntityTypeConfiguration<DeliveryAreaPostalCode>
{
    public void Configure(EntityTypeBuilder<DeliveryAreaPostalCode> b)
    {
        b.Property(x => x.PostalCode).HasMaxLength(5);
        b.HasIndex(x => new { x.BrandId, x.PostalCode });
        b.HasIndex(x => new { x.DeliveryAreaId, x.PostalCode }).IsUnique();
    }
}
