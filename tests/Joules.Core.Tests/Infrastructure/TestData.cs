using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;

namespace Joules.Core.Tests.Infrastructure;

/// <summary>Small builders of valid domain objects for tests.</summary>
public static class TestData
{
    public static Address Address(string postalCode = "79100") => new() { Street = "Hauptstraße", HouseNumber = "1", PostalCode = postalCode, City = "Sonnental" };

    public static CustomerDetails Person(string lastName = "Muster", string? email = null) =>
        new(Salutation.Ms, "Erika", lastName, null, new DateOnly(1980, 5, 17), email, "+49 761 123456", Address());

    public static Tariff PowerTariff(Guid brandId, string code = "STROM-BASIS") =>
        new(brandId, code, "Strom Basis", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 12, 4, 12));

    /// <summary>Adds a customer, a tariff and a captured contract for the brand and saves them.</summary>
    public static async Task<Contract> AddContractAsync(JoulesDbContext db, Guid brandId, string number = "V-1", Guid? partnerId = null)
    {
        var customer = new Customer(brandId, "K-" + number, CustomerType.Household, Person());
        var tariff = db.Tariffs.Local.FirstOrDefault(t => t.BrandId == brandId) ?? PowerTariff(brandId, "T-" + number);
        var contract = new Contract(brandId, number, customer.Id, tariff,
            new ContractDetails(Address(), "41373559241", "1ESY1160123456", 3500, new DateOnly(2027, 1, 1)), partnerId, SalesChannel.Online, "test");
        db.AddRange(customer, contract);
        if (db.Entry(tariff).State == Microsoft.EntityFrameworkCore.EntityState.Detached) db.Add(tariff);
        await db.SaveChangesAsync();
        return contract;
    }
}
