using Joules.Core.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(x => x.CustomerNumber).HasMaxLength(30);
        b.Property(x => x.FirstName).HasMaxLength(100);
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.CompanyName).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.NormalizedEmail).HasMaxLength(254);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.ComplexProperty(x => x.PostalAddress, a => a.ConfigureAddress());
        b.ComplexProperty(x => x.BillingAddress, a => a.ConfigureAddress());
        b.Ignore(x => x.DisplayName);
        b.HasIndex(x => new { x.BrandId, x.CustomerNumber }).IsUnique();
        b.HasIndex(x => new { x.BrandId, x.NormalizedEmail }).IsUnique();
        b.HasIndex(x => new { x.BrandId, x.LastName });
        b.HasIndex(x => new { x.BrandId, x.CompanyName });
        b.HasMany(x => x.Consents).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Consents).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CustomerConsentConfiguration : IEntityTypeConfiguration<CustomerConsent>
{
    public void Configure(EntityTypeBuilder<CustomerConsent> b)
    {
        b.Property(x => x.Source).HasMaxLength(50);
        b.Property(x => x.Text).HasMaxLength(2000);
        b.HasIndex(x => new { x.CustomerId, x.Purpose, x.At });
    }
}
