using Joules.Core.Domain.Common;
using Joules.Core.Plugins.Data;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.Plugins.Data;

public class PluginDbContextTests
{
    public sealed class Reminder : ITenantOwned
    {
        public Guid Id { get; set; } = Guid.NewGuid();
        public Guid BrandId { get; set; }
        public string Text { get; set; } = "";
    }

    public sealed class RemindersDb(DbContextOptions<RemindersDb> options) : PluginDbContext(options)
    {
        public DbSet<Reminder> Reminders => Set<Reminder>();

        protected override void ConfigureModel(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Reminder>(b =>
            {
                b.ToTable("Reminders");
                b.Property(r => r.Id).ValueGeneratedNever();
            });
    }

    private static RemindersDb Create(SqliteTestDatabase database, ICurrentUser user, bool allowsChanges = true)
    {
        var builder = new DbContextOptionsBuilder<RemindersDb>();
        PluginDatabase.Configure(builder, database.Options, "acme.reminders", () => user, () => allowsChanges);
        return new RemindersDb(builder.Options);
    }

    [Fact]
    public async Task Tables_carry_the_plugin_prefix()
    {
        await using var database = new SqliteTestDatabase();
        await using var db = Create(database, new SystemUser());
        db.Model.FindEntityType(typeof(Reminder))!.GetTableName().ShouldBe("acme_reminders_Reminders");
        PluginTables.HistoryTable("acme.reminders").ShouldBe("__acme_reminders_Migrations");
    }

    [Fact]
    public async Task Read_only_licence_refuses_to_save_and_keeps_the_data()
    {
        await using var database = new SqliteTestDatabase();
        await using (var db = Create(database, new SystemUser()))
        {
            await db.Database.EnsureCreatedAsync();
            db.Reminders.Add(new Reminder { Text = "bleibt", BrandId = Guid.NewGuid() });
            await db.SaveChangesAsync();
        }

        await using (var readOnly = Create(database, new SystemUser(), allowsChanges: false))
        {
            (await readOnly.Reminders.CountAsync()).ShouldBe(1);
            readOnly.Reminders.Add(new Reminder { Text = "neu", BrandId = Guid.NewGuid() });
            var error = await Should.ThrowAsync<DomainException>(() => readOnly.SaveChangesAsync());
            error.Message.ShouldContain("acme.reminders");
        }
    }

    [Fact]
    public async Task Tenant_owned_rows_are_filtered_and_writes_to_another_brand_refused()
    {
        await using var database = new SqliteTestDatabase();
        var sonnental = Guid.NewGuid();
        var alpen = Guid.NewGuid();
        await using (var system = Create(database, new SystemUser()))
        {
            await system.Database.EnsureCreatedAsync();
            system.Reminders.AddRange(new Reminder { Text = "S", BrandId = sonnental }, new Reminder { Text = "A", BrandId = alpen });
            await system.SaveChangesAsync();
        }

        await using var brand = Create(database, new SystemUser("staff", sonnental));
        (await brand.Reminders.Select(r => r.Text).ToListAsync()).ShouldBe(["S"]);
        brand.Reminders.Add(new Reminder { Text = "fremd", BrandId = alpen });
        await Should.ThrowAsync<DomainException>(() => brand.SaveChangesAsync());
    }
}
