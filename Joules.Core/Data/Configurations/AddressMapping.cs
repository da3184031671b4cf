using Joules.Core.Domain.Common;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal static class AddressMapping
{
    public static void ConfigureAddress(this ComplexPropertyBuilder<Address> a)
    {
        a.Property(x => x.Street).HasMaxLength(150);
        a.Property(x => x.HouseNumber).HasMaxLength(20);
        a.Property(x => x.PostalCode).HasMaxLength(5);
        a.Property(x => x.City).HasMaxLength(100);
        a.Property(x => x.Country).HasMaxLength(2);
    }
}
