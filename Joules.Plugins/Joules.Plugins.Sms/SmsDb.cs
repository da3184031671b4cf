using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Plugins.Data;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Sms;

/// <summary>A brand's SMS gateway: where Joules posts messages (<c>{Url}/v1/messages</c>, see docs/sms.md), with which API
/// key (stored encrypted with Data Protection) and sender id, and how national numbers are read.</summary>
public sealed class SmsGatewaySettings : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid BrandId { get; set; }

    /// <summary>False: the brand's SMS wait in the outbox.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The gateway's base address, e.g. <c>https://sms.example.de/</c>.</summary>
    public string Url { get; set; } = "";

    /// <summary>The API key, encrypted (<see cref="SmsApiKeyProtector"/>).</summary>
    public string? ProtectedApiKey { get; set; }

    /// <summary>Sender id shown on the handset: 3–11 letters or digits, or a number of at most 15 digits.</summary>
    public string SenderId { get; set; } = "";

    /// <summary>Country for numbers typed without international prefix ("DE" or "AT").</summary>
    public string DefaultCountry { get; set; } = "DE";

    /// <summary>Joules' public address for delivery reports (empty: the address the host listens on).</summary>
    public string? CallbackBaseUrl { get; set; }

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A delivery report that arrived before the outbox stored the gateway's id for the message; applied later by
/// the next report and by the job every minute.</summary>
public sealed class ParkedDeliveryReport
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string ProviderMessageId { get; set; } = "";
    public DeliveryState State { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class SmsDb(DbContextOptions<SmsDb> options) : PluginDbContext(options)
{
    public DbSet<SmsGatewaySettings> Gateways => Set<SmsGatewaySettings>();
    public DbSet<ParkedDeliveryReport> ParkedReports => Set<ParkedDeliveryReport>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SmsGatewaySettings>(b =>
        {
            b.ToTable("Gateways");
            b.Property(g => g.Id).ValueGeneratedNever();
            b.Property(g => g.Url).HasMaxLength(500);
            b.Property(g => g.ProtectedApiKey).HasMaxLength(2000);
            b.Property(g => g.SenderId).HasMaxLength(15);
            b.Property(g => g.DefaultCountry).HasMaxLength(2);
            b.Property(g => g.CallbackBaseUrl).HasMaxLength(500);
            b.Property(g => g.UpdatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
            b.HasIndex(g => g.BrandId).IsUnique();
        });
        modelBuilder.Entity<ParkedDeliveryReport>(b =>
        {
            b.ToTable("ParkedReports");
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.ProviderMessageId).HasMaxLength(200);
            b.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.Detail).HasMaxLength(500);
            b.Property(r => r.ReportedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
            b.Property(r => r.ReceivedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
            b.HasIndex(r => r.ProviderMessageId);
            b.HasIndex(r => r.ReceivedAt);
        });
    }
}

internal sealed class SmsDbDesignFactory() : PluginDesignTimeDbContextFactory<SmsDb>("joules.sms");
