using System.Linq.Expressions;
using Joules.Core.Domain.Common;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Joules.Core.Plugins.Data;

/// <summary>Base class of a plugin's own database context.</summary>
/// <remarks>
/// The host configures it: same provider and connection as Core, a migrations history table of its own
/// (<c>__&lt;prefix&gt;Migrations</c>) and every table name prefixed with <see cref="PluginTables.Prefix"/>. Entities that
/// implement <see cref="ITenantOwned"/> are filtered to the current user's brand and refused when written for another
/// brand. While the plugin's licence does not allow changes (read-only), saving throws.
/// Override <see cref="ConfigureModel"/> instead of <c>OnModelCreating</c>. Migrations are generated per provider with
/// <c>scripts/add-plugin-migration.sh</c>; see docs/plugins.md.
/// </remarks>
public abstract class PluginDbContext : DbContext
{
    private readonly PluginDataOptions _data;
    private readonly ICurrentUser _user;

    /// <summary>Creates the context with options the host (or the design-time factory) built.</summary>
    protected PluginDbContext(DbContextOptions options) : base(options)
    {
        _data = options.FindExtension<PluginDataOptions>()
            ?? throw new InvalidOperationException($"{GetType().Name} must be registered with IPluginBuilder.AddDbContext.");
        _user = _data.CurrentUser?.Invoke() ?? new SystemUser();
    }

    /// <summary>The user the context acts for.</summary>
    protected ICurrentUser CurrentUser => _user;

    private Guid? CurrentBrandId => _user.BrandId;
    private bool AllBrands => _user.AllBrands;

    /// <summary>Configure the plugin's entities here.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    /// <inheritdoc />
    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureModel(modelBuilder);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.BaseType is null && !e.IsOwned()).ToList())
        {
            var table = entity.GetTableName();
            if (table is not null && !table.StartsWith(_data.TablePrefix, StringComparison.Ordinal))
                entity.SetTableName(_data.TablePrefix + table);
            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
                typeof(PluginDbContext).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(entity.ClrType).Invoke(this, [modelBuilder]);
        }
    }

    private void ApplyTenantFilter<T>(ModelBuilder builder) where T : class, ITenantOwned
    {
        Expression<Func<T, bool>> filter = e => AllBrands || e.BrandId == CurrentBrandId;
        builder.Entity<T>().HasQueryFilter("Tenant", filter);
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CheckBeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CheckBeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void CheckBeforeSave()
    {
        if (_data.AllowsChanges?.Invoke() == false)
            throw new DomainException(CoreText.Format("Plugin.ReadOnly", _data.PluginId));
        if (AllBrands) return;
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.State == EntityState.Added && entry.Entity.BrandId == Guid.Empty && CurrentBrandId is { } brand)
                entry.Entity.BrandId = brand;
            if (entry.Entity.BrandId != CurrentBrandId)
                throw new DomainException(CoreText.Get("Tenant.OtherBrand"));
        }
    }
}

/// <summary>Naming rules of plugin tables.</summary>
public static class PluginTables
{
    /// <summary>The table name prefix of a plugin: its id with every character other than a letter or digit replaced
    /// by "_", followed by "_" (e.g. "joules.newsletter" → "joules_newsletter_").</summary>
    public static string Prefix(string pluginId) =>
        new string(pluginId.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray()) + "_";

    /// <summary>The migrations history table of a plugin: "__" + <see cref="Prefix"/> + "Migrations".</summary>
    public static string HistoryTable(string pluginId) => "__" + Prefix(pluginId) + "Migrations";
}

/// <summary>The host's settings for a plugin context, carried in its options.</summary>
public sealed class PluginDataOptions : IDbContextOptionsExtension
{
    /// <summary>Settings for <paramref name="pluginId"/>.</summary>
    public PluginDataOptions(string pluginId, Func<ICurrentUser?>? currentUser = null, Func<bool>? allowsChanges = null)
    {
        PluginId = pluginId;
        TablePrefix = PluginTables.Prefix(pluginId);
        CurrentUser = currentUser;
        AllowsChanges = allowsChanges;
        Info = new ExtensionInfo(this);
    }

    /// <summary>The plugin id.</summary>
    public string PluginId { get; }

    /// <summary>The table prefix.</summary>
    public string TablePrefix { get; }

    /// <summary>Gives the user the context acts for (null: the system).</summary>
    public Func<ICurrentUser?>? CurrentUser { get; }

    /// <summary>Tells whether the plugin's licence allows changes now (null: always).</summary>
    public Func<bool>? AllowsChanges { get; }

    /// <inheritdoc />
    public DbContextOptionsExtensionInfo Info { get; }

    /// <inheritdoc />
    public void ApplyServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    /// <inheritdoc />
    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(PluginDataOptions extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => $"Plugin={extension.PluginId} ";
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["Joules:Plugin"] = extension.PluginId;
    }
}
