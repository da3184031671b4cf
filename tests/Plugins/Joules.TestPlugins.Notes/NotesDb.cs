using Joules.Core.Plugins.Data;
using Microsoft.EntityFrameworkCore;

namespace Joules.TestPlugins.Notes;

public sealed class Note
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Text { get; set; } = "";
    public string Source { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class NotesDb(DbContextOptions<NotesDb> options) : PluginDbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>(b =>
        {
            b.ToTable("Notes");
            b.Property(n => n.Id).ValueGeneratedNever();
            b.Property(n => n.Text).HasMaxLength(500);
            b.Property(n => n.Source).HasMaxLength(50);
            // SQLite cannot order by DateTimeOffset; ticks work on every provider.
            b.Property(n => n.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        });
    }
}

internal sealed class NotesDbDesignFactory() : PluginDesignTimeDbContextFactory<NotesDb>("joules.test.notes");
