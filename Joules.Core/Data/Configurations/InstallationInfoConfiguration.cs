using Joules.Core.Domain.Installation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal sealed class InstallationInfoConfiguration : IEntityTypeConfiguration<InstallationInfo>
{
    public void Configure(EntityTypeBuilder<InstallationInfo> b)
    {
        b.ToTable("Installation");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => x.InstallationId).IsUnique();
    }
}
