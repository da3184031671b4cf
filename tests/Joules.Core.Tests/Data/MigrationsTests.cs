using Joules.Core.Data.Providers;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.Data;

public class MigrationsTests
{
    // scripts/add-migration.sh must have been run after every model change, for every provider.
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=unused;Database=unused")]
    [InlineData(DatabaseProvider.SqlServer, "Server=unused;Database=unused")]
    public void Every_provider_has_migrations_for_the_current_model(DatabaseProvider provider, string connectionString)
    {
        using var db = CoreDatabaseRegistration.Create(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }, new SystemUser());
        db.Database.GetMigrations().ShouldNotBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse();
    }
}
