using Joules.Core.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Joules.Core.Data.Configurations;

internal sealed class SmtpSettingsConfiguration : IEntityTypeConfiguration<SmtpSettings>
{
    public void Configure(EntityTypeBuilder<SmtpSettings> b)
    {
        b.ToTable("SmtpSettings");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => x.BrandId).IsUnique();
        b.Property(x => x.Host).HasMaxLength(255);
        b.Property(x => x.TlsMode).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.UserName).HasMaxLength(255);
        b.Property(x => x.ProtectedPassword).HasMaxLength(2000);
        b.Property(x => x.SenderAddress).HasMaxLength(320);
        b.Property(x => x.SenderName).HasMaxLength(200);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.IdempotencyKey).HasMaxLength(200);
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.Property(x => x.To).HasMaxLength(2000);
        b.Property(x => x.Cc).HasMaxLength(2000);
        b.Property(x => x.Subject).HasMaxLength(998);
        b.Property(x => x.Source).HasMaxLength(200);
        b.Property(x => x.LockedBy).HasMaxLength(100);
        b.Property(x => x.LastError).HasMaxLength(4000);
        b.Property(x => x.ProviderMessageId).HasMaxLength(200);
        b.Property(x => x.DeliveryState).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.DeliveryDetail).HasMaxLength(500);
        b.HasIndex(x => new { x.Channel, x.ProviderMessageId });
        b.HasIndex(x => new { x.Status, x.NextAttemptAt });
        b.HasIndex(x => x.CreatedAt);
    }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> b)
    {
        b.ToTable("MessageTemplates");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Language).HasMaxLength(5);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(998);
        b.Property(x => x.CreatedBy).HasMaxLength(200);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.BrandId, x.Key, x.Language, x.Channel, x.Version }).IsUnique();
    }
}

internal sealed class CapturedMailConfiguration : IEntityTypeConfiguration<CapturedMail>
{
    public void Configure(EntityTypeBuilder<CapturedMail> b)
    {
        b.ToTable("CapturedMails");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.From).HasMaxLength(320);
        b.Property(x => x.To).HasMaxLength(2000);
        b.Property(x => x.Subject).HasMaxLength(998);
        b.HasIndex(x => x.ReceivedAt);
    }
}

internal sealed class MessengerChannelConfiguration : IEntityTypeConfiguration<MessengerChannel>
{
    public void Configure(EntityTypeBuilder<MessengerChannel> b)
    {
        b.ToTable("MessengerChannels");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ProtectedUrl).HasMaxLength(4000);
        b.Property(x => x.UrlHost).HasMaxLength(255);
        b.HasIndex(x => new { x.BrandId, x.Name }).IsUnique();
    }
}
