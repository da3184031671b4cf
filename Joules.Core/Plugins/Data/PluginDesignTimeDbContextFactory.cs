using Joules.Core.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Joules.Core.Plugins.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> create a plugin context for one provider at a time. Derive one class
/// per plugin context, e.g. <c>internal sealed class NotesDbDesignFactory() : PluginDesignTimeDbContextFactory&lt;NotesDb&gt;("acme.notes");</c>,
/// and generate the migrations with <c>scripts/add-plugin-migration.sh</c>, which sets <c>JOULES_EF_PROVIDER</c>
/// to Sqlite, PostgreSql and SqlServer in turn.</summary>
/// <param name="pluginId">The plugin id from <c>plugin.json</c> (it decides the table prefix).</param>
public abstract class PluginDesignTimeDbContextFactory<TContext>(string pluginId) : IDesignTimeDbContextFactory<TContext>
    where TContext : PluginDbContext
{
    /// <inheritdoc />
    public TContext CreateDbContext(string[] args)
    {
        var provider = Enum.Parse<DatabaseProvider>(Environment.GetEnvironmentVariable("JOULES_EF_PROVIDER") ?? nameof(DatabaseProvider.Sqlite), ignoreCase: true);
        var connection = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=design.db",
            DatabaseProvider.PostgreSql => "Host=localhost;Database=joules",
            _ => "Server=localhost;Database=joules;TrustServerCertificate=true",
        };
        var builder = new DbContextOptionsBuilder<TContext>();
        PluginDatabase.Configure(builder, new DatabaseOptions { Provider = provider, ConnectionString = connection }, pluginId);
        return (TContext)Activator.CreateInstance(typeof(TContext), builder.Options)!;
    }
}
