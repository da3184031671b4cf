using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> b)
    {
        b.Property(x => x.ContractNumber).HasMaxLength(30);
        b.Property(x => x.MaLoId).HasMaxLength(11);
        b.Property(x => x.MeterNumber).HasMaxLength(40);
        b.Property(x => x.SupplyReason).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.PreviousSupplier).HasMaxLength(200);
        b.Property(x => x.PreviousCustomerNumber).HasMaxLength(60);
        b.Property(x => x.PaymentMethod).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Iban).HasMaxLength(34);
        b.Property(x => x.AccountHolder).HasMaxLength(200);
        b.Property(x => x.MandateReference).HasMaxLength(35);
        b.ComplexProperty(x => x.DeliveryAddress, a => a.ConfigureAddress());
        b.HasIndex(x => new { x.BrandId, x.ContractNumber }).IsUnique();
        // The contract list filters by status and sorts by order date; partner users filter by partner.
        b.HasIndex(x => new { x.BrandId, x.Status, x.OrderedAt });
        b.HasIndex(x => new { x.BrandId, x.OrderedAt });
        b.HasIndex(x => new { x.SalesPartnerId, x.OrderedAt });
        // Status + partner (back office filtering one partner): covers the COUNT and the page without row lookups.
        b.HasIndex(x => new { x.BrandId, x.SalesPartnerId, x.Status, x.OrderedAt });
        b.HasIndex(x => x.CustomerId);
        b.HasIndex(x => x.MaLoId);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tariff>().WithMany().HasForeignKey(x => x.TariffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PriceList>().WithMany().HasForeignKey(x => x.PriceListId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SalesPartner>().WithMany().HasForeignKey(x => x.SalesPartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.History).WithOne().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ContractStatusEventConfiguration : IEntityTypeConfiguration<ContractStatusEvent>
{
    public void Configure(EntityTypeBuilder<ContractStatusEvent> b)
    {
        b.Property(x => x.Actor).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.Source).HasMaxLength(50);
        b.HasIndex(x => new { x.ContractId, x.At });
    }
}

internal sealed class MeterReadingConfiguration : IEntityTypeConfiguration<MeterReading>
{
    public void Configure(EntityTypeBuilder<MeterReading> b)
    {
        b.Property(x => x.ReadingKwh).HasPrecision(18, 3);
        b.Property(x => x.ConsumptionKwh).HasPrecision(18, 3);
        b.Property(x => x.Source).HasMaxLength(100);
        b.HasIndex(x => new { x.ContractId, x.ReadOn });
        b.HasOne<Contract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderSubmissionConfiguration : IEntityTypeConfiguration<OrderSubmission>
{
    public void Configure(EntityTypeBuilder<OrderSubmission> b)
    {
        b.ToTable("OrderSubmissions");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.IdempotencyKey).HasMaxLength(64);
        b.Property(x => x.RemoteAddress).HasMaxLength(64);
        b.HasIndex(x => new { x.BrandId, x.IdempotencyKey }).IsUnique();
        b.HasOne<Contract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}
