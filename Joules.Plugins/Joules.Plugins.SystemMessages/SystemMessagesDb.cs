using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Messaging;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Plugins.Data;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.SystemMessages;

/// <summary>Who receives the notification of a rule.</summary>
public enum RecipientKind
{
    Customer = 0,
    SalesPartner = 1,
    FixedAddresses = 2,
    /// <summary>The parent of the event's sales partner (the partner above it in the hierarchy).</summary>
    SalesPartnerParent = 3,
    /// <summary>The contract's responsible employee; for events without a contract the user who acted.</summary>
    ResponsibleEmployee = 4,
    /// <summary>Every active user of the brand in <see cref="NotificationRule.RoleName"/>.</summary>
    Role = 5,
}

/// <summary>"When event <see cref="EventKey"/> happens (and the conditions hold: status, sales partner, commodity),
/// notify <see cref="RecipientKind"/> over <see cref="Channel"/> with the brand's template for the event in
/// <see cref="Language"/>."</summary>
public sealed class NotificationRule : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid BrandId { get; set; }
    public string Name { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string EventKey { get; set; } = "";
    public ContractStatus? StatusFilter { get; set; }
    public RecipientKind RecipientKind { get; set; }
    public string? FixedAddresses { get; set; }
    public string Language { get; set; } = "de";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Mail, messenger (to <see cref="MessengerChannelId"/>) or SMS.</summary>
    public MessageChannel Channel { get; set; } = MessageChannel.Mail;
    /// <summary>The brand's messenger channel for <see cref="MessageChannel.Messenger"/> rules.</summary>
    public Guid? MessengerChannelId { get; set; }
    /// <summary>The role for <see cref="RecipientKind.Role"/>.</summary>
    public string? RoleName { get; set; }
    /// <summary>Condition: only events concerning this sales partner (and, with <see cref="IncludeSubPartners"/>, its sub-partners).</summary>
    public Guid? PartnerFilterId { get; set; }
    public bool IncludeSubPartners { get; set; }
    /// <summary>Condition: only events concerning this commodity.</summary>
    public Commodity? CommodityFilter { get; set; }

    public NotificationRule Copy() => (NotificationRule)MemberwiseClone();
}

/// <summary>One notification a rule produced (or could not produce, with <see cref="Reason"/>).</summary>
public sealed class NotificationLogEntry : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid BrandId { get; set; }
    public Guid RuleId { get; set; }
    public string RuleName { get; set; } = "";
    public string EventKey { get; set; } = "";
    public string EventIdentity { get; set; } = "";
    public string? Recipient { get; set; }
    public Guid? OutboxMessageId { get; set; }
    public string? Subject { get; set; }
    public string? Reason { get; set; }
    public MessageChannel Channel { get; set; } = MessageChannel.Mail;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class SystemMessagesDb(DbContextOptions<SystemMessagesDb> options) : PluginDbContext(options)
{
    public DbSet<NotificationRule> Rules => Set<NotificationRule>();
    public DbSet<NotificationLogEntry> Log => Set<NotificationLogEntry>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<NotificationRule>(b =>
        {
            b.ToTable("Rules");
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.Name).HasMaxLength(200);
            b.Property(r => r.EventKey).HasMaxLength(100);
            b.Property(r => r.FixedAddresses).HasMaxLength(2000);
            b.Property(r => r.Language).HasMaxLength(5);
            b.Property(r => r.RoleName).HasMaxLength(100);
            b.Property(r => r.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
            b.HasIndex(r => new { r.BrandId, r.EventKey });
        });
        modelBuilder.Entity<NotificationLogEntry>(b =>
        {
            b.ToTable("Log");
            b.Property(l => l.Id).ValueGeneratedNever();
            b.Property(l => l.RuleName).HasMaxLength(200);
            b.Property(l => l.EventKey).HasMaxLength(100);
            b.Property(l => l.EventIdentity).HasMaxLength(200);
            b.Property(l => l.Recipient).HasMaxLength(500);
            b.Property(l => l.Subject).HasMaxLength(500);
            b.Property(l => l.Reason).HasMaxLength(1000);
            b.Property(l => l.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
            b.HasIndex(l => new { l.BrandId, l.CreatedAt });
            b.HasIndex(l => new { l.RuleId, l.EventIdentity });
            b.HasIndex(l => new { l.BrandId, l.RuleId, l.CreatedAt });
        });
    }
}

internal sealed class SystemMessagesDbDesignFactory() : PluginDesignTimeDbContextFactory<SystemMessagesDb>("joules.system-messages");
