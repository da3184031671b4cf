using Joules.Core.Domain.Plugins;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal sealed class PluginInstallationConfiguration : IEntityTypeConfiguration<PluginInstallation>
{
    public void Configure(EntityTypeBuilder<PluginInstallation> b)
    {
        b.ToTable("PluginInstallations");
        b.HasKey(x => x.PluginId);
        b.Property(x => x.PluginId).HasMaxLength(64);
        b.Property(x => x.Version).HasMaxLength(64);
    }
}

internal sealed class InstalledLicenceConfiguration : IEntityTypeConfiguration<InstalledLicence>
{
    public void Configure(EntityTypeBuilder<InstalledLicence> b)
    {
        b.ToTable("InstalledLicences");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.LicenceId).HasMaxLength(100);
        b.Property(x => x.Licensee).HasMaxLength(200);
        b.HasIndex(x => x.LicenceId).IsUnique();
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("JobRuns");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.JobGroup).HasMaxLength(64);
        b.Property(x => x.JobName).HasMaxLength(100);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Message).HasMaxLength(2000);
        b.HasIndex(x => new { x.JobGroup, x.JobName, x.StartedAt });
    }
}
