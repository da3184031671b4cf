using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Core.Data.Providers;

/// <summary>Registers the core context for the configured provider.</summary>
public static class CoreDatabaseRegistration
{
    /// <summary>Registers <see cref="IDbContextFactory{JoulesDbContext}"/> (scoped: contexts see the scope's
    /// <see cref="ICurrentUser"/>) and a scoped <see cref="JoulesDbContext"/> (EF registers the provider context itself).</summary>
    public static IServiceCollection AddJoulesDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        var connection = options.ConnectionString ?? throw new InvalidOperationException("Database:ConnectionString is not set.");
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                Register<SqliteJoulesDbContext>(services, o => o.UseSqlite(connection, s => s.CommandTimeout(120)).AddInterceptors(SqliteConnectionTuning.Instance));
                break;
            case DatabaseProvider.PostgreSql:
                Register<PostgresJoulesDbContext>(services, o => o.UseNpgsql(connection));
                break;
            case DatabaseProvider.SqlServer:
                Register<SqlServerJoulesDbContext>(services, o => o.UseSqlServer(connection));
                break;
        }
        services.AddSingleton(options);
        return services;
    }

    /// <summary>Creates a context for the given provider outside DI (tests, benchmarks, tools).</summary>
    public static JoulesDbContext Create(DatabaseOptions options, ICurrentUser user) => options.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteJoulesDbContext(new DbContextOptionsBuilder<SqliteJoulesDbContext>().UseSqlite(options.ConnectionString)
            .AddInterceptors(SqliteConnectionTuning.Instance).Options, user),
        DatabaseProvider.PostgreSql => new PostgresJoulesDbContext(new DbContextOptionsBuilder<PostgresJoulesDbContext>().UseNpgsql(options.ConnectionString).Options, user),
        _ => new SqlServerJoulesDbContext(new DbContextOptionsBuilder<SqlServerJoulesDbContext>().UseSqlServer(options.ConnectionString).Options, user),
    };

    private static void Register<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure) where TContext : JoulesDbContext
    {
        // The options are the same for every scope: build them once (EF would rebuild them for every scope, which costs
        // more than creating the context). EF adds its own registration only when none exists.
        services.AddSingleton(sp =>
        {
            var builder = new DbContextOptionsBuilder<TContext>().UseApplicationServiceProvider(sp);
            configure(builder);
            return builder.Options;
        });
        services.AddDbContextFactory<TContext>(configure, ServiceLifetime.Scoped);
        services.AddScoped<IDbContextFactory<JoulesDbContext>>(sp => new BaseContextFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        services.AddScoped<JoulesDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    private sealed class BaseContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<JoulesDbContext> where TContext : JoulesDbContext
    {
        public JoulesDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
