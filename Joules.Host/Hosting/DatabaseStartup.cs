using Joules.Core.Data;
using Joules.Core.Domain.Identity;
using Joules.Core.Tenancy;
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
        await db.Database.MigrateAsync();

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<JoulesRole>>();
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
            await roles.CreateAsync(new JoulesRole(role));

        var settings = scope.ServiceProvider.GetRequiredService<JoulesSettings>();
        if (settings.Demo.Enabled && !await db.Brands.AnyAsync())
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(settings.Demo);
    }
}
