using Joules.Core.Data;
using Joules.Core.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Customers;

/// <summary>Changes a customer's master data (same rules as <see cref="CreateCustomer"/>); nothing is saved on error.</summary>
public sealed class UpdateCustomer(JoulesDbContext db)
{
    /// <summary>Returns the updated customer, or null if it does not exist for the acting user.</summary>
    public async Task<Customer?> RunAsync(Guid customerId, CustomerDetails details, CancellationToken ct = default)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return null;
        try
        {
            customer.Update(details);
            await CustomerEmail.EnsureUniqueAsync(db, customer, ct);
            await db.SaveChangesAsync(ct);
            return customer;
        }
        catch
        {
            // Leave the context as it was loaded so a retry starts clean.
            db.ChangeTracker.Clear();
            throw;
        }
    }
}

/// <summary>Appends a consent (or its withdrawal) to a customer's consent list.</summary>
public sealed class RecordCustomerConsent(JoulesDbContext db)
{
    public async Task<CustomerConsent?> RunAsync(Guid customerId, ConsentPurpose purpose, bool granted, string source, string? text = null, CancellationToken ct = default)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return null;
        var consent = customer.RecordConsent(purpose, granted, source, text);
        db.CustomerConsents.Add(consent);
        await db.SaveChangesAsync(ct);
        return consent;
    }
}
