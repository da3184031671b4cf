using Joules.Core.Data;
using Joules.Core.Domain.Customers;
using Joules.Core.UseCases.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Customers;

/// <summary>Filter and page of the customer list.</summary>
public sealed record CustomerSearch(string? Text = null, CustomerType? Type = null, int Page = 0, int PageSize = 25);

/// <summary>One row of the customer list.</summary>
public sealed record CustomerListItem(Guid Id, string CustomerNumber, CustomerType Type, string Name, string? Email, string PostalCode, string City, DateTimeOffset CreatedAt);

/// <summary>Server-side paged customer list, sorted by name. Text matches customer number, last name, company,
/// e-mail and postal code by prefix (so the indexes can be used).</summary>
public sealed class SearchCustomers(JoulesDbContext db)
{
    public async Task<PagedResult<CustomerListItem>> RunAsync(CustomerSearch search, CancellationToken ct = default)
    {
        var q = db.Customers.AsNoTracking();
        if (search.Type is { } type) q = q.Where(c => c.Type == type);
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            var text = search.Text.Trim();
            var upper = text.ToUpperInvariant();
            q = q.Where(c => c.CustomerNumber.StartsWith(upper) || c.LastName.StartsWith(text) || c.CompanyName!.StartsWith(text)
                || c.NormalizedEmail!.StartsWith(upper) || c.PostalAddress.PostalCode.StartsWith(text));
        }
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id)
            .Skip(search.Page * search.PageSize).Take(search.PageSize)
            .Select(c => new CustomerListItem(c.Id, c.CustomerNumber, c.Type,
                c.CompanyName ?? (c.FirstName == null ? c.LastName : c.LastName + ", " + c.FirstName),
                c.Email, c.PostalAddress.PostalCode, c.PostalAddress.City, c.CreatedAt))
            .ToListAsync(ct);
        return new PagedResult<CustomerListItem>(items, total);
    }
}

/// <summary>A contract of a customer, for the customer's detail page.</summary>
public sealed record CustomerContractItem(Guid Id, string ContractNumber, string TariffName, Domain.Tariffs.Commodity Commodity, Domain.Contracts.ContractStatus Status, DateTimeOffset OrderedAt);

/// <summary>A customer with consents (newest first) and contracts.</summary>
public sealed record CustomerDetail(Customer Customer, IReadOnlyList<CustomerConsent> Consents, IReadOnlyList<CustomerContractItem> Contracts);

/// <summary>Loads a customer for the detail page; null if the acting user cannot see it.</summary>
public sealed class GetCustomerDetail(JoulesDbContext db)
{
    public async Task<CustomerDetail?> RunAsync(Guid customerId, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return null;
        var consents = (await db.CustomerConsents.AsNoTracking().Where(c => c.CustomerId == customerId).ToListAsync(ct))
            .OrderByDescending(c => c.At).ToList();
        var contracts = await (
            from c in db.Contracts.AsNoTracking()
            where c.CustomerId == customerId
            join t in db.Tariffs on c.TariffId equals t.Id
            orderby c.OrderedAt descending
            select new CustomerContractItem(c.Id, c.ContractNumber, t.Name, c.Commodity, c.Status, c.OrderedAt)).ToListAsync(ct);
        return new CustomerDetail(customer, consents, contracts);
    }
}
