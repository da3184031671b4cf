using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.UseCases.Common;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Customers;

/// <summary>Input of <see cref="CreateCustomer"/>. <paramref name="BrandId"/> defaults to the acting user's brand.</summary>
public sealed record CreateCustomerCommand(CustomerType Type, CustomerDetails Details, Guid? BrandId = null);

/// <summary>Creates a customer with the next customer number of the brand. The e-mail address must be unique
/// within the brand; on any error nothing is saved.</summary>
public sealed class CreateCustomer(JoulesDbContext db)
{
    public async Task<Customer> RunAsync(CreateCustomerCommand command, CancellationToken ct = default)
    {
        var brandId = command.BrandId ?? db.User.BrandId ?? throw new DomainException(CoreText.Get("Tenant.BrandRequired"));
        for (var attempt = 1; ; attempt++)
        {
            var number = await RunningNumbers.NextAsync(db.Customers.IgnoreQueryFilters().Where(c => c.BrandId == brandId).Select(c => c.CustomerNumber), RunningNumbers.CustomerPrefix, ct);
            var customer = new Customer(brandId, number, command.Type, command.Details);
            await CustomerEmail.EnsureUniqueAsync(db, customer, ct);
            db.Customers.Add(customer);
            try
            {
                await db.SaveChangesAsync(ct);
                return customer;
            }
            catch (DbUpdateException ex) when (attempt < 3 && RunningNumbers.IsUniqueViolation(ex))
            {
                // Another user took the number (or the e-mail) at the same moment: start over with fresh values.
                db.ChangeTracker.Clear();
            }
        }
    }
}

/// <summary>The per-brand e-mail uniqueness rule.</summary>
internal static class CustomerEmail
{
    public static async Task EnsureUniqueAsync(JoulesDbContext db, Customer customer, CancellationToken ct)
    {
        if (customer.NormalizedEmail is not { } email) return;
        // The whole brand counts, also customers a partner user cannot see.
        var taken = await db.Customers.IgnoreQueryFilters()
            .AnyAsync(c => c.BrandId == customer.BrandId && c.NormalizedEmail == email && c.Id != customer.Id, ct);
        if (taken) throw new DomainException(CoreText.Format("Customer.EmailDuplicate", customer.Email), nameof(Customer.Email));
    }
}
