using System.Globalization;
using Bunit;
using Joules.Core.Credit;
using Joules.Core.Data;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Tenancy;
using Joules.Host.Features.Common;
using Joules.Host.Features.Credit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.Credit;

/// <summary>A migrated SQLite file with one brand, a bUnit context acting as an administrator, and only the SCHUFA
/// plugin running.</summary>
public abstract class CreditPageTestBase : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("joules-credit-").FullName;
    protected BunitContext Ctx { get; } = new();
    protected DatabaseOptions Options { get; private set; } = null!;
    protected Guid Brand { get; private set; }

    // Set here, not in InitializeAsync: culture changes inside an async method do not flow back to the test.
    protected CreditPageTestBase() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    public async Task InitializeAsync()
    {
        Options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_folder, "t.db")};Pooling=False" };
        await using (var db = Db())
        {
            await db.Database.MigrateAsync();
            var brand = new Brand("SWM", "Stadtwerke Musterstadt");
            db.Brands.Add(brand);
            await db.SaveChangesAsync();
            Brand = brand.Id;
        }
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.Services.AddMudServices();
        Ctx.Services.AddLogging();
        Ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Ctx.Services.AddJoulesDatabase(Options);
        Ctx.Services.AddScoped<ICurrentUser>(_ => new SystemUser("a.admin"));
        Ctx.Services.AddScoped<EnumText>();
        Ctx.Services.AddScoped<CreditText>();
        Ctx.Services.AddSingleton<ICreditBureauSource>(new RunningBureaus("schufa"));
        Ctx.Services.AddScoped<ICreditBureauDirectory, CreditBureauDirectory>();
    }

    public async Task DisposeAsync()
    {
        await Ctx.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    protected JoulesDbContext Db() => CoreDatabaseRegistration.Create(Options, new SystemUser());

    /// <summary>Stores a decided SCHUFA score check of a new contract.</summary>
    protected async Task AddCheckAsync(string contractNumber, decimal score, CreditDecision decision)
    {
        await using var db = Db();
        var address = new Address { Street = "Hauptstraße", HouseNumber = "1", PostalCode = "79100", City = "Sonnental" };
        var customer = new Customer(Brand, "K-" + contractNumber, CustomerType.Household,
            new CustomerDetails(Salutation.Ms, "Erika", "Muster", null, new DateOnly(1980, 5, 17), null, null, address));
        var tariff = new Tariff(Brand, "T-" + contractNumber, "Strom Basis", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 12, 4, 12));
        var contract = new Contract(Brand, contractNumber, customer.Id, tariff,
            new ContractDetails(address, "41373559241", "1ESY1160123456", 3500, new DateOnly(2027, 1, 1)), null, SalesChannel.Online, "test");
        var at = DateTimeOffset.UtcNow;
        var check = CreditCheck.Start(Brand, contract.Id, customer.Id, new string('a', 64),
            new CreditCheckContext(Commodity.Electricity, CustomerType.Household, SalesChannel.Online), "test", "button", at);
        check.RecordAnswer(new BureauResult("schufa", "score-2026", score, null, [], null, at, Guid.NewGuid().ToString("N")), depth: 1);
        check.Decide(decision, null, "Test", at);
        db.AddRange(customer, tariff, contract, check);
        await db.SaveChangesAsync();
    }

    private sealed class RunningBureaus(params string[] ids) : ICreditBureauSource
    {
        public IEnumerable<string> BureauIds => ids;

        public Task<BureauResult> CheckAsync(string bureauId, CreditCheckRequest request, CancellationToken ct) =>
            throw new CreditBureauUnavailableException("not used in page tests");
    }
}
