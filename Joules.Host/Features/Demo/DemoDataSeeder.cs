using System.Diagnostics;
using System.Text.Json;
using Joules.Core.Data;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Features.Demo;

/// <summary>Creates the deterministic demo tenants on first start: "Stadtwerke Sonnental" (DE, the configured number
/// of customers) with the five demo users, and the small Austrian brand "Alpenstrom".</summary>
/// <remarks>The data is generated in memory first and then saved in batches of about 1,000 customers. The saves run
/// in a <see cref="JoulesDbContext.SuppressAuditAndEvents"/> scope: tens of thousands of audit rows and creation
/// events for made-up data would only slow the first start and flood the event handlers. One audit entry
/// "DemoDataCreated" per brand records the load instead.</remarks>
internal sealed class DemoDataSeeder(IDbContextFactory<JoulesDbContext> contexts, UserManager<JoulesUser> users, ILogger<DemoDataSeeder> logger)
{
    private const int BatchSize = 1000;
    public const int AlpenstromCustomers = 100;

    public async Task SeedAsync(Hosting.DemoSettings settings, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        now = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

        var sonnental = new DemoTenantGenerator(DemoCatalog.Sonnental(settings.Customers), settings.Seed, now).Generate();
        var alpenstrom = new DemoTenantGenerator(DemoCatalog.Alpenstrom(Math.Min(AlpenstromCustomers, Math.Max(10, settings.Customers / 10))), settings.Seed + 1, now).Generate();
        var generated = watch.Elapsed;

        await SaveAsync(sonnental, ct);
        await SaveAsync(alpenstrom, ct);
        await SaveCreditAsync(sonnental, "DE", settings.Seed, ct);
        await SaveCreditAsync(alpenstrom, "AT", settings.Seed + 1, ct);
        await CreateUsersAsync(sonnental);

        logger.LogInformation(
            "Demo data created in {Seconds:F1} s (generated in {Generated:F1} s): {Customers} customers and {Contracts} contracts in {Brands}",
            watch.Elapsed.TotalSeconds, generated.TotalSeconds, sonnental.Customers.Count + alpenstrom.Customers.Count,
            sonnental.Contracts.Count + alpenstrom.Contracts.Count, $"{sonnental.Brand.Name}, {alpenstrom.Brand.Name}");
    }

    private async Task SaveAsync(DemoTenant tenant, CancellationToken ct)
    {
        await using (var master = contexts.CreateDbContext())
        using (master.SuppressAuditAndEvents())
        {
            master.Brands.Add(tenant.Brand);
            master.DeliveryAreas.AddRange(tenant.Areas);
            master.Tariffs.AddRange(tenant.Tariffs);
            master.SalesPartners.AddRange(tenant.Partners);
            master.CommissionStatements.AddRange(tenant.Statements);
            await master.SaveChangesAsync(ct);
        }

        foreach (var chunk in tenant.Customers.Chunk(BatchSize))
        {
            await using var batch = contexts.CreateDbContext();
            batch.ChangeTracker.AutoDetectChangesEnabled = false;
            using var _ = batch.SuppressAuditAndEvents();
            foreach (var (customer, createdAt) in chunk)
            {
                batch.Customers.Add(customer);
                batch.Entry(customer).Property(nameof(Customer.CreatedAt)).CurrentValue = createdAt;
                foreach (var contract in tenant.ContractsByCustomer[customer.Id])
                {
                    batch.Contracts.Add(contract);
                    if (tenant.EntriesByContract.TryGetValue(contract.Id, out var entries)) batch.CommissionEntries.AddRange(entries);
                }
            }
            var sw = Stopwatch.StartNew();
            await batch.SaveChangesAsync(ct);
            logger.LogDebug("Demo batch saved in {Ms} ms ({Entries} rows)", sw.ElapsedMilliseconds, batch.ChangeTracker.Entries().Count());
        }

        await using var audit = contexts.CreateDbContext();
        audit.Audit("DemoDataCreated", "Brand", tenant.Brand.Id.ToString(), JsonSerializer.Serialize(new
        {
            tenant.Brand.Code,
            DeliveryAreas = tenant.Areas.Count,
            Tariffs = tenant.Tariffs.Count,
            SalesPartners = tenant.Partners.Count,
            Customers = tenant.Customers.Count,
            Contracts = tenant.Contracts.Count,
            CommissionEntries = tenant.CommissionEntries.Count,
            CommissionStatements = tenant.Statements.Count,
        }));
        await audit.SaveChangesAsync(ct);
    }

    private async Task SaveCreditAsync(DemoTenant tenant, string country, int seed, CancellationToken ct)
    {
        var brandId = tenant.Brand.Id;
        var routes = DemoCreditRules.Routes(brandId, country).ToList();
        var rules = DemoCreditRules.Rules(brandId, routes).ToList();
        var (checks, reviews) = DemoCreditHistory.Build(tenant, routes, rules, seed);
        await using var db = contexts.CreateDbContext();
        using var _ = db.SuppressAuditAndEvents();
        db.CreditCheckSettings.Add(DemoCreditRules.Settings(brandId, country));
        db.BureauRoutes.AddRange(routes);
        db.ScoreRangeRules.AddRange(rules);
        db.CreditChecks.AddRange(checks);
        db.CreditReviews.AddRange(reviews);
        await db.SaveChangesAsync(ct);
    }

    private async Task CreateUsersAsync(DemoTenant tenant)
    {
        var partnerId = tenant.Partner(DemoCatalog.PartnerUserPartner).Id;
        foreach (var (userName, displayName, role) in DemoUsers.All)
        {
            var user = new JoulesUser
            {
                UserName = userName, DisplayName = displayName, BrandId = tenant.Brand.Id, Email = $"{userName}@sonnental.example",
                AllBrands = role == Roles.Administrator, EmailConfirmed = true,
                SalesPartnerId = role == Roles.SalesPartner ? partnerId : null,
            };
            var result = await users.CreateAsync(user, DemoUsers.Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }
    }
}
