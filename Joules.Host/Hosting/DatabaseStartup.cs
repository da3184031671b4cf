using Joules.Core.Data;
using Joules.Core.Domain.Identity;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Installation;
using Joules.Host.Features.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Hosting;

internal static class DatabaseStartup
{
    /// <summary>Applies pending migrations (creating the SQLite file on first start), creates the built-in roles
    /// and, if enabled and the database is empty, the demo tenant.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("system:startup");
        var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets the UI read while an import or the event dispatcher writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        // Migrate takes a database-wide lock; an up-to-date database (every start but the first after an
        // update) only needs the cheaper look at the history table.
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
            await db.Database.MigrateAsync();

        var existing = await db.Roles.Select(r => r.Name).ToListAsync();
        var missing = Roles.All.Where(r => !existing.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<JoulesRole>>();
            foreach (var role in missing) await roles.CreateAsync(new JoulesRole(role));
        }

        var installation = await new EnsureInstallation(db).RunAsync();
        app.Logger.LogInformation("Installation {InstallationId}", installation);

        var settings = scope.ServiceProvider.GetRequiredService<JoulesSettings>();
        if (settings.Demo.Enabled && !await db.Brands.AnyAsync())
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(settings.Demo);
    }
}
