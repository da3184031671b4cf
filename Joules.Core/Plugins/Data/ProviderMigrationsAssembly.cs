using System.Reflection;
using Joules.Core.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace Joules.Core.Plugins.Data;

#pragma warning disable EF1001 // MigrationsAssembly is EF's own implementation; we only filter what it finds.
/// <summary>Sees only the migrations (and model snapshot) of the active provider: those whose namespace contains
/// <c>Migrations.&lt;Provider&gt;</c>. One plugin assembly can so carry a migration set per provider for one context.</summary>
internal sealed class ProviderMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    private readonly Type _contextType = currentContext.Context.GetType();
    private readonly string _segment = "." + PluginDatabase.MigrationsNamespaceSegment(ProviderOf(currentContext.Context));
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;
    private bool _snapshotFound;

    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        _migrations ??= base.Migrations.Where(m => InSegment(m.Value)).ToDictionary(m => m.Key, m => m.Value);

    public override ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (_snapshotFound) return _snapshot;
            var type = Assembly.DefinedTypes
                .Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition && t.IsSubclassOf(typeof(ModelSnapshot)) && InSegment(t))
                .FirstOrDefault(t => t.GetCustomAttribute<DbContextAttribute>()?.ContextType == _contextType);
            _snapshot = type is null ? null : (ModelSnapshot)Activator.CreateInstance(type.AsType())!;
            _snapshotFound = true;
            return _snapshot;
        }
    }

    private bool InSegment(TypeInfo type) =>
        (type.Namespace + ".").Contains(_segment + ".", StringComparison.Ordinal);

    internal static DatabaseProvider ProviderOf(DbContext context) => context.Database.ProviderName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.PostgreSql,
        _ => DatabaseProvider.SqlServer,
    };
}
#pragma warning restore EF1001
