using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Joules.Core.UseCases.Installation;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.UseCases.Installation;

public class EnsureInstallationTests
{
    [Fact]
    public async Task First_start_creates_the_installation_id_and_later_starts_keep_it()
    {
        await using var database = await new SqliteTestDatabase().MigrateAsync();

        await using (var db = database.Context(new SystemUser()))
        {
            var first = await new EnsureInstallation(db).RunAsync();
            first.Value.ShouldNotBe(Guid.Empty);
            await using var again = database.Context(new SystemUser());
            (await new EnsureInstallation(again).RunAsync()).ShouldBe(first);
        }

        await using var check = database.Context(new SystemUser());
        (await check.Installation.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Database_refuses_a_second_installation_row_and_the_existing_id_is_kept()
    {
        await using var database = await new SqliteTestDatabase().MigrateAsync();
        await using var loser = database.Context(new SystemUser());
        _ = await loser.Installation.AnyAsync();          // the loser has looked: no row yet
        Joules.Core.Plugins.Licensing.InstallationId winner;
        await using (var other = database.Context(new SystemUser())) winner = await new EnsureInstallation(other).RunAsync();

        loser.Installation.Add(Joules.Core.Domain.Installation.InstallationInfo.Create());
        await Should.ThrowAsync<DbUpdateException>(() => loser.SaveChangesAsync());
        loser.ChangeTracker.Clear();
        (await new EnsureInstallation(loser).RunAsync()).ShouldBe(winner);
    }
}
