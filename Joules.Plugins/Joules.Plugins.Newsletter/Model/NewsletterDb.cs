using Joules.Core.Plugins.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Joules.Plugins.Newsletter.Model;

/// <summary>The newsletter plugin's tables (prefix <c>joules_newsletter_</c>).</summary>
public sealed class NewsletterDb(DbContextOptions<NewsletterDb> options) : PluginDbContext(options)
{
    public DbSet<MailingList> Lists => Set<MailingList>();
    public DbSet<Subscriber> Subscribers => Set<Subscriber>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Suppression> Suppressions => Set<Suppression>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignList> CampaignLists => Set<CampaignList>();
    public DbSet<CampaignLink> CampaignLinks => Set<CampaignLink>();
    public DbSet<CampaignDelivery> Deliveries => Set<CampaignDelivery>();
    public DbSet<BounceRecord> Bounces => Set<BounceRecord>();
    public DbSet<TrackingEvent> TrackingEvents => Set<TrackingEvent>();
    public DbSet<DailyStat> DailyStats => Set<DailyStat>();
    public DbSet<LinkStat> LinkStats => Set<LinkStat>();
    public DbSet<RecipientActivity> RecipientActivities => Set<RecipientActivity>();
    public DbSet<RecipientLinkClick> RecipientLinkClicks => Set<RecipientLinkClick>();
    public DbSet<NewsletterSettings> Settings => Set<NewsletterSettings>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    /// <summary>Points in time are stored as UTC ticks on every provider (SQLite cannot order DateTimeOffset).</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MailingList>(b =>
        {
            b.ToTable("Lists");
            b.Property(x => x.Name).HasMaxLength(200);
            b.Property(x => x.Description).HasMaxLength(1000);
            b.Property(x => x.ConsentText).HasMaxLength(4000);
            b.HasIndex(x => new { x.BrandId, x.Name });
        });
        modelBuilder.Entity<Subscriber>(b =>
        {
            b.ToTable("Subscribers");
            b.Property(x => x.Email).HasMaxLength(254);
            b.Property(x => x.FirstName).HasMaxLength(100);
            b.Property(x => x.LastName).HasMaxLength(100);
            b.Property(x => x.PostalCode).HasMaxLength(10);
            b.Property(x => x.City).HasMaxLength(100);
            b.Property(x => x.Language).HasMaxLength(5);
            b.Property(x => x.AttributesJson).HasMaxLength(4000);
            b.HasIndex(x => new { x.BrandId, x.Email }).IsUnique();
            b.HasIndex(x => x.CustomerId);
            b.HasIndex(x => x.SalesPartnerId);
        });
        modelBuilder.Entity<Subscription>(b =>
        {
            b.ToTable("Subscriptions");
            b.Property(x => x.Source).HasMaxLength(200);
            b.Property(x => x.ConsentIp).HasMaxLength(45);
            b.Property(x => x.ConfirmedIp).HasMaxLength(45);
            b.Property(x => x.ConsentUserAgent).HasMaxLength(500);
            b.Property(x => x.ConsentText).HasMaxLength(4000);
            b.Property(x => x.UnsubscribeChannel).HasMaxLength(50);
            b.HasIndex(x => new { x.SubscriberId, x.ListId }).IsUnique();
            // Key-ordered batches of a list's confirmed subscribers.
            b.HasIndex(x => new { x.ListId, x.Status, x.SubscriberId });
        });
        modelBuilder.Entity<Suppression>(b =>
        {
            b.ToTable("Suppressions");
            b.Property(x => x.Email).HasMaxLength(254);
            b.Property(x => x.Note).HasMaxLength(500);
            b.HasIndex(x => new { x.BrandId, x.Email }).IsUnique();
        });
        modelBuilder.Entity<Segment>(b =>
        {
            b.ToTable("Segments");
            b.Property(x => x.Name).HasMaxLength(200);
            b.Property(x => x.PostalCodePrefix).HasMaxLength(10);
            b.Property(x => x.Language).HasMaxLength(5);
        });
        modelBuilder.Entity<Campaign>(b =>
        {
            b.ToTable("Campaigns");
            b.Property(x => x.Name).HasMaxLength(200);
            b.Property(x => x.Subject).HasMaxLength(300);
            b.Property(x => x.SubjectB).HasMaxLength(300);
            b.Property(x => x.Preheader).HasMaxLength(300);
            b.Property(x => x.FromName).HasMaxLength(200);
            b.Property(x => x.FromAddress).HasMaxLength(254);
            b.Property(x => x.CreatedBy).HasMaxLength(200);
            b.Property(x => x.LastError).HasMaxLength(1000);
            b.HasMany(x => x.Lists).WithOne().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(x => new { x.BrandId, x.Status });
        });
        modelBuilder.Entity<CampaignList>(b =>
        {
            b.ToTable("CampaignLists");
            b.HasKey(x => new { x.CampaignId, x.ListId });
        });
        modelBuilder.Entity<CampaignLink>(b =>
        {
            b.ToTable("CampaignLinks");
            b.HasKey(x => new { x.CampaignId, x.Variant, x.Index });
            b.Property(x => x.Url).HasMaxLength(2000);
        });
        modelBuilder.Entity<CampaignDelivery>(b =>
        {
            b.ToTable("Deliveries");
            b.HasKey(x => new { x.CampaignId, x.SubscriberId });
            b.Property(x => x.Error).HasMaxLength(500);
        });
        modelBuilder.Entity<BounceRecord>(b =>
        {
            b.ToTable("Bounces");
            b.Property(x => x.Email).HasMaxLength(254);
            b.Property(x => x.Source).HasMaxLength(20);
            b.Property(x => x.Diagnostic).HasMaxLength(1000);
            b.HasIndex(x => new { x.BrandId, x.At });
            b.HasIndex(x => x.CampaignId);
        });
        modelBuilder.Entity<TrackingEvent>(b =>
        {
            b.ToTable("TrackingEvents");
            b.HasIndex(x => new { x.CampaignId, x.Kind });
            b.HasIndex(x => new { x.BrandId, x.At });
        });
        modelBuilder.Entity<DailyStat>(b =>
        {
            b.ToTable("DailyStats");
            b.HasKey(x => new { x.BrandId, x.Day, x.CampaignId, x.ListId, x.Metric });
            b.HasIndex(x => new { x.CampaignId, x.Metric });
        });
        modelBuilder.Entity<LinkStat>(b =>
        {
            b.ToTable("LinkStats");
            b.HasKey(x => new { x.CampaignId, x.Variant, x.LinkIndex });
        });
        modelBuilder.Entity<RecipientActivity>(b =>
        {
            b.ToTable("RecipientActivities");
            b.HasKey(x => new { x.CampaignId, x.SubscriberId });
        });
        modelBuilder.Entity<RecipientLinkClick>(b =>
        {
            b.ToTable("RecipientLinkClicks");
            b.HasKey(x => new { x.CampaignId, x.SubscriberId, x.LinkIndex });
        });
        modelBuilder.Entity<NewsletterSettings>(b =>
        {
            b.ToTable("Settings");
            b.Property(x => x.PublicBaseUrl).HasMaxLength(500);
            b.Property(x => x.UnsubscribeMailbox).HasMaxLength(254);
            b.Property(x => x.FooterImprint).HasMaxLength(2000);
            b.Property(x => x.BounceMailboxHost).HasMaxLength(200);
            b.Property(x => x.BounceMailboxUser).HasMaxLength(200);
            b.Property(x => x.BounceMailboxProtectedPassword).HasMaxLength(2000);
            b.HasIndex(x => x.BrandId).IsUnique();
        });
        modelBuilder.Entity<SigningKey>(b =>
        {
            b.ToTable("SigningKeys");
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.ProtectedKey).HasMaxLength(2000);
        });
    }
}

/// <summary>DateTimeOffset ⇄ UTC ticks.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

// Used only by `dotnet ef`; the id decides the table prefix.
internal sealed class NewsletterDbDesignFactory() : PluginDesignTimeDbContextFactory<NewsletterDb>("joules.newsletter");
