using Joules.Core.Domain.MarketData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal sealed class MarketDataConnectionConfiguration : IEntityTypeConfiguration<MarketDataConnection>
{
    public void Configure(EntityTypeBuilder<MarketDataConnection> b)
    {
        b.ToTable("MarketDataConnections");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Provider).HasMaxLength(40);
        b.Property(x => x.EndpointUrl).HasMaxLength(500);
        b.Property(x => x.ProtectedApiKey).HasMaxLength(2000);
        b.HasIndex(x => new { x.BrandId, x.Provider }).IsUnique();
    }
}

internal sealed class MarketDataCacheEntryConfiguration : IEntityTypeConfiguration<MarketDataCacheEntry>
{
    public void Configure(EntityTypeBuilder<MarketDataCacheEntry> b)
    {
        b.ToTable("MarketDataCache");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Key).HasMaxLength(400);
        b.Property(x => x.Provider).HasMaxLength(40);
        b.Property(x => x.Kind).HasMaxLength(40);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.FetchedAt);
    }
}
