using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;

namespace Joules.Core.Tests.UseCases;

/// <summary>A migrated SQLite file with two brands; contexts act as a clerk of brand A unless asked otherwise.
/// Messages are checked in German, the product's default language.</summary>
public abstract class UseCaseTestBase : IAsyncLifetime
{
    protected SqliteTestDatabase Database { get; } = new();
    protected Brand BrandA { get; private set; } = null!;
    protected Brand BrandB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        await Database.MigrateAsync();
        BrandA = await Database.AddBrandAsync("AAA", "Brand A");
        BrandB = await Database.AddBrandAsync("BBB", "Brand B");
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    protected JoulesDbContext ClerkOf(Brand brand) => Database.Context(new SystemUser("clerk", brand.Id));

    protected JoulesDbContext System() => Database.Context(new SystemUser());
}
