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
