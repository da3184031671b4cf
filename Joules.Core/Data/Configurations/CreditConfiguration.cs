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

internal sealed class CreditCheckConfiguration : IEntityTypeConfiguration<CreditCheck>
{
    public void Configure(EntityTypeBuilder<CreditCheck> b)
    {
        b.ToTable("CreditChecks");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SubjectKey).HasMaxLength(64);
        b.Property(x => x.Commodity).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CustomerType).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.RequestedBy).HasMaxLength(256);
        b.Property(x => x.Trigger).HasMaxLength(16);
        b.Property(x => x.Bureau).HasMaxLength(40);
        b.Property(x => x.Product).HasMaxLength(60);
        b.Property(x => x.RawScore).HasPrecision(9, 2);
        b.Property(x => x.RawClass).HasMaxLength(100);
        b.Property(x => x.NegativeFeatures).HasMaxLength(400);
        b.Property(x => x.ProbabilityOfDefault).HasPrecision(7, 6);
        b.Property(x => x.ResponseHash).HasMaxLength(64);
        b.Property(x => x.Failures).HasMaxLength(2000);
        b.Property(x => x.Decision).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Ignore(x => x.HasAnswer);
        b.Ignore(x => x.Answer);
        b.Ignore(x => x.NegativeFeatureCodes);
        b.Ignore(x => x.Context);
        b.HasIndex(x => x.ContractId);
        b.HasIndex(x => new { x.BrandId, x.SubjectKey, x.RequestedAt });
        b.HasIndex(x => new { x.BrandId, x.RequestedAt });
    }
}

internal sealed class CreditReviewConfiguration : IEntityTypeConfiguration<CreditReview>
{
    public void Configure(EntityTypeBuilder<CreditReview> b)
    {
        b.ToTable("CreditReviews");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Origin).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.OpenedBy).HasMaxLength(256);
        b.Property(x => x.ContestReason).HasMaxLength(2000);
        b.Property(x => x.AssignedToName).HasMaxLength(256);
        b.Property(x => x.DecisionReason).HasMaxLength(2000);
        b.Property(x => x.DecidedBy).HasMaxLength(256);
        b.Ignore(x => x.IsOpen);
        b.HasIndex(x => new { x.BrandId, x.DecidedAt, x.OpenedAt });
        b.HasIndex(x => x.ContractId);
        b.HasOne<CreditCheck>().WithMany().HasForeignKey(x => x.CheckId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CreditBureauConnectionConfiguration : IEntityTypeConfiguration<CreditBureauConnection>
{
    public void Configure(EntityTypeBuilder<CreditBureauConnection> b)
    {
        b.ToTable("CreditBureauConnections");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Bureau).HasMaxLength(40);
        b.Property(x => x.EndpointUrl).HasMaxLength(500);
        b.Property(x => x.ProtectedApiKey).HasMaxLength(2000);
        b.Property(x => x.Product).HasMaxLength(60);
        b.HasIndex(x => new { x.BrandId, x.Bureau }).IsUnique();
    }
}
