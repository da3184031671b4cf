using Joules.Core.Data.Providers;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Joules.Core.Plugins.Data;

/// <summary>Builds the options of plugin database contexts: the host's provider and connection, the plugin's own
/// migrations history table, only the migrations of that provider, and the plugin's <see cref="PluginDataOptions"/>.</summary>
public static class PluginDatabase
{
    /// <summary>The namespace segment that holds a provider's migrations, e.g. "Migrations.Sqlite".</summary>
    public static string MigrationsNamespaceSegment(DatabaseProvider provider) => "Migrations." + provider;

    /// <summary>Configures <paramref name="builder"/> for a context of <paramref name="pluginId"/>.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseOptions database, string pluginId,
        Func<ICurrentUser?>? currentUser = null, Func<bool>? allowsChanges = null)
    {
        var connection = database.ConnectionString ?? throw new InvalidOperationException("Database:ConnectionString is not set.");
        var history = PluginTables.HistoryTable(pluginId);
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connection, o => o.MigrationsHistoryTable(history).CommandTimeout(120));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(connection, o => o.MigrationsHistoryTable(history));
                break;
            default:
                builder.UseSqlServer(connection, o => o.MigrationsHistoryTable(history));
                break;
        }
        builder.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new PluginDataOptions(pluginId, currentUser, allowsChanges));
        return builder;
    }
}
