using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Messaging.Templates;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Joules.Core.UseCases.Orders;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.UseCases.Orders;

/// <summary>Brand A supplies 79100 and 79102 with two power tariffs (one with bonuses) and one gas tariff.</summary>
public abstract class OrderScenario : UseCaseTestBase
{
    protected Tariff Basis { get; private set; } = null!;
    protected Tariff Bonus { get; private set; } = null!;
    protected Tariff HeatPump { get; private set; } = null!;
    protected DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.Now);

    protected async Task SeedAsync()
    {
        await using var db = System();
        var area = new DeliveryArea(BrandA.Id, "Sonnental", ["79100", "79102"]);
        Basis = new Tariff(BrandA.Id, "STROM-BASIS", "Strom Basis", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 12, 4, 12));
        Basis.AddPriceList(area, Today.AddYears(-1), new PriceComponents(120m, 25m, 0m, 0m));
        Bonus = new Tariff(BrandA.Id, "STROM-BONUS", "Strom Bonus", Commodity.Electricity, CustomerType.Household, new TariffTerms(24, 12, 4, 24));
        Bonus.AddPriceList(area, Today.AddYears(-1), new PriceComponents(120m, 26m, 100m, 50m));
        var future = new Tariff(BrandA.Id, "STROM-NEU", "Strom Neu", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 12, 4, 12));
        future.AddPriceList(area, Today.AddYears(1), new PriceComponents(100m, 20m, 0m, 0m));
        var inactive = new Tariff(BrandA.Id, "STROM-ALT", "Strom Alt", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 12, 4, 12)) { IsActive = false };
        inactive.AddPriceList(area, Today.AddYears(-1), new PriceComponents(100m, 20m, 0m, 0m));
        var gas = new Tariff(BrandA.Id, "GAS", "Gas Basis", Commodity.Gas, CustomerType.Household, new TariffTerms(12, 12, 4, 12));
        gas.AddPriceList(area, Today.AddYears(-1), new PriceComponents(150m, 9m, 0m, 0m));
        HeatPump = new Tariff(BrandA.Id, "WAERME", "Wärmepumpenstrom", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 12, 4, 12));
        HeatPump.ChangeUsage(TariffUsage.HeatPump);
        HeatPump.AddPriceList(area, Today.AddYears(-1), new PriceComponents(90m, 21m, 0m, 0m));
        db.AddRange(area, Basis, Bonus, future, inactive, gas, HeatPump);
        await db.SaveChangesAsync();
    }

    protected JoulesDbContext Funnel() => Database.Context(new SystemUser(PlaceOrder.ActorName, BrandA.Id));

    protected PlaceOrder PlaceOrderIn(JoulesDbContext db)
    {
        var catalogue = new MessageTemplateCatalogue([new MessageTemplateKeys(), new OrderTemplateKeys()]);
        var templates = new MessageTemplateService(new Factory(Database, BrandA.Id), catalogue, new TemplateValidator(catalogue), new TemplateRenderer());
        return new PlaceOrder(db, templates);
    }

    protected PlaceOrderCommand Order(string key = "form-1", string email = "erika@example.org") => new(
        BrandA.Id, key, Basis.Id, 2500,
        new CustomerDetails(Salutation.Ms, "Erika", "Muster", null, new DateOnly(1980, 5, 17), email, "+49 761 123456", TestData.Address()),
        new OrderDeliveryPoint(TestData.Address(), "41373559241", "1ESY1160123456", SupplyReason.SupplierChange, "Altversorger AG", "12345", Today.AddDays(30)),
        new PaymentDetails(PaymentMethod.DirectDebit, "DE89 3704 0044 0532 0130 00", "Erika Muster", "AAA-M-1", DateTimeOffset.UtcNow),
        true, true,
        [new OrderConsent(ConsentPurpose.EmailMarketing, true, "Ja, ich möchte Angebote per E-Mail erhalten."),
         new OrderConsent(ConsentPurpose.PhoneMarketing, false, "Ja, ich möchte Angebote per Telefon erhalten.")],
        "203.0.113.7");

    private sealed class Factory(SqliteTestDatabase database, Guid brandId) : IDbContextFactory<JoulesDbContext>
    {
        public JoulesDbContext CreateDbContext() => database.Context(new SystemUser(PlaceOrder.ActorName, brandId));
    }
}
