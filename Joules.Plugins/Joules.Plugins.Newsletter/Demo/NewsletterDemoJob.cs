using Joules.Core.Data;
using Joules.Core.Domain.Customers;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Joules.Plugins.Newsletter.Demo;

/// <summary>Loads the newsletter demo for the demo brand "Stadtwerke Sonnental" when the host runs in demo mode
/// (<c>Joules:Demo:Enabled</c>) and the brand has no newsletter lists yet. Runs on activation and daily; does nothing
/// once the demo is there.</summary>
public sealed class NewsletterDemoJob(IConfiguration configuration, IDbContextFactory<JoulesDbContext> core, NewsletterDemoSeeder seeder,
    IServiceProvider services, ILogger<NewsletterDemoJob> logger) : IJob
{
    public const string BrandName = "Stadtwerke Sonnental";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Joules:Demo:Enabled"))
        {
            context.Result = "Demo-Modus ist aus";
            return;
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var db = await core.CreateDbContextAsync(cancellationToken);
        var brand = await db.Brands.AsNoTracking().Where(b => b.Name == BrandName).Select(b => new DemoBrand(b.Id, b.Name)).FirstOrDefaultAsync(cancellationToken);
        if (brand is null)
        {
            context.Result = $"Keine Marke „{BrandName}“";
            return;
        }
        var customers = await CustomersAsync(db, brand.Id, cancellationToken);
        var store = services.GetRequiredService<TrackingStore>();
        Func<IReadOnlyList<TrackingHit>, CancellationToken, Task> write = store.WriteAsync;
        var summary = await seeder.SeedAsync(brand, customers, write, DateTimeOffset.UtcNow, cancellationToken);
        if (summary is null)
        {
            context.Result = "Newsletter-Demodaten sind bereits vorhanden";
            return;
        }
        logger.LogInformation("Newsletter demo created in {Seconds:F1} s: {Subscribers} subscribers, {Deliveries} deliveries, {Hits} tracking events",
            watch.Elapsed.TotalSeconds, summary.Subscribers, summary.Deliveries, summary.Hits);
        db.Audit("NewsletterDemoCreated", "Brand", brand.Id.ToString(), System.Text.Json.JsonSerializer.Serialize(summary));
        await db.SaveChangesAsync(cancellationToken);
        context.Result = $"{summary.Subscribers} Abonnenten, {summary.Campaigns} Kampagnen, {summary.Deliveries} Zustellungen angelegt";
    }

    /// <summary>The brand's customers with an e-mail address whose latest e-mail marketing consent is granted.</summary>
    private static async Task<List<DemoCustomer>> CustomersAsync(JoulesDbContext db, Guid brandId, CancellationToken ct)
    {
        var consents = await db.CustomerConsents.AsNoTracking()
            .Where(c => c.BrandId == brandId && (c.Purpose == ConsentPurpose.EmailMarketing || c.Purpose == ConsentPurpose.Tracking))
            .Select(c => new { c.CustomerId, c.Purpose, c.Granted, c.At, c.Text }).ToListAsync(ct);
        var latest = consents.GroupBy(c => (c.CustomerId, c.Purpose)).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.At).First());
        var ids = latest.Where(kv => kv.Key.Purpose == ConsentPurpose.EmailMarketing && kv.Value.Granted).Select(kv => kv.Key.CustomerId).ToHashSet();
        var customers = await db.Customers.AsNoTracking().Where(c => c.BrandId == brandId && c.Email != null)
            .OrderBy(c => c.CustomerNumber)
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.CompanyName, c.Email, c.PostalAddress.PostalCode, c.PostalAddress.City }).ToListAsync(ct);
        return customers.Where(c => ids.Contains(c.Id)).Select(c =>
        {
            var consent = latest[(c.Id, ConsentPurpose.EmailMarketing)];
            var tracking = latest.TryGetValue((c.Id, ConsentPurpose.Tracking), out var t) && t.Granted;
            return new DemoCustomer(c.Id, c.FirstName, c.LastName, c.Email!, c.PostalCode, c.City, consent.At, consent.Text, tracking);
        }).ToList();
    }
}
