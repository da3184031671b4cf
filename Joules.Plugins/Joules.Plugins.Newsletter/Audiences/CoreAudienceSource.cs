using Joules.Core.Data;
using Joules.Core.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>Customers and sales partners of a brand, read from Core.</summary>
public sealed class CoreAudienceSource(IDbContextFactory<JoulesDbContext> core) : ICoreAudienceSource
{
    public async Task<List<CustomerConsentRecord>> CustomersAsync(Guid brandId, CancellationToken ct = default)
    {
        await using var db = await core.CreateDbContextAsync(ct);
        var consents = await db.CustomerConsents.AsNoTracking()
            .Where(c => c.BrandId == brandId && (c.Purpose == ConsentPurpose.EmailMarketing || c.Purpose == ConsentPurpose.Tracking))
            .Select(c => new { c.CustomerId, c.Purpose, c.Granted, c.At, c.Source, c.Text }).ToListAsync(ct);
        var latest = consents.GroupBy(c => (c.CustomerId, c.Purpose)).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.At).First());
        var customerIds = latest.Keys.Where(k => k.Purpose == ConsentPurpose.EmailMarketing).Select(k => k.CustomerId).ToList();
        var customers = new List<CustomerConsentRecord>();
        foreach (var chunk in customerIds.Chunk(500))
        {
            var ids = chunk.ToList();
            var rows = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id) && c.Email != null)
                .Select(c => new { c.Id, c.Email, c.FirstName, c.LastName, c.PostalAddress.PostalCode, c.PostalAddress.City }).ToListAsync(ct);
            foreach (var c in rows)
            {
                var marketing = latest[(c.Id, ConsentPurpose.EmailMarketing)];
                var tracking = latest.GetValueOrDefault((c.Id, ConsentPurpose.Tracking));
                customers.Add(new CustomerConsentRecord(c.Id, c.Email!, c.FirstName, c.LastName, c.PostalCode, c.City, marketing.Granted, marketing.At,
                    marketing.Source, marketing.Text, tracking?.Granted == true, tracking?.At));
            }
        }
        return customers;
    }

    public async Task<List<PartnerRecord>> PartnersAsync(Guid brandId, CancellationToken ct = default)
    {
        await using var db = await core.CreateDbContextAsync(ct);
        return await db.SalesPartners.AsNoTracking().Where(p => p.BrandId == brandId && p.Email != null && p.Email != "")
            .Select(p => new PartnerRecord(p.Id, p.Email!, p.ContactName ?? p.Name, p.IsActive)).ToListAsync(ct);
    }
}

/// <summary>Every 15 minutes: keeps the lists fed from Core customers and sales partners in step with the consents.</summary>
public sealed class CustomerListSyncJob(CustomerListSync sync) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await sync.SyncAllAsync(cancellationToken);
        context.Result = $"{result.Added} hinzugefügt, {result.Removed} abgemeldet";
    }
}
