using Joules.Core.Domain.Credit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal sealed class ScoreRangeRuleConfiguration : IEntityTypeConfiguration<ScoreRangeRule>
{
    public void Configure(EntityTypeBuilder<ScoreRangeRule> b)
    {
        b.ToTable("ScoreRangeRules");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Bureau).HasMaxLength(40);
        b.Property(x => x.Product).HasMaxLength(60);
        b.Property(x => x.Commodity).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CustomerType).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Decision).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Min).HasPrecision(9, 2);
        b.Property(x => x.Max).HasPrecision(9, 2);
        b.Ignore(x => x.Specificity);
        b.HasIndex(x => new { x.BrandId, x.Bureau, x.Product });
    }
}

internal sealed class CreditCheckSettingsConfiguration : IEntityTypeConfiguration<CreditCheckSettings>
{
    public void Configure(EntityTypeBuilder<CreditCheckSettings> b)
    {
        b.ToTable("CreditCheckSettings");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.FullCheckFromContractValue).HasPrecision(12, 2);
        b.HasIndex(x => x.BrandId).IsUnique();
    }
}

internal sealed class BureauRouteConfiguration : IEntityTypeConfiguration<BureauRoute>
{
    public void Configure(EntityTypeBuilder<BureauRoute> b)
    {
        b.ToTable("BureauRoutes");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Country).HasMaxLength(2);
        b.Property(x => x.CustomerType).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Bureau).HasMaxLength(40);
        b.Property(x => x.Product).HasMaxLength(60);
        b.HasIndex(x => new { x.BrandId, x.Country, x.CustomerType, x.Position }).IsUnique();
    }
}
