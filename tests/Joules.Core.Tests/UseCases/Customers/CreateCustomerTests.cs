using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Tests.Infrastructure;
using Joules.Core.UseCases.Customers;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.UseCases.Customers;

public class CreateCustomerTests : UseCaseTestBase
{
    [Fact]
    public async Task Customers_get_running_numbers_per_brand()
    {
        await using var a = ClerkOf(BrandA);
        var first = await new CreateCustomer(a).RunAsync(new(CustomerType.Household, TestData.Person("Eins")));
        var second = await new CreateCustomer(a).RunAsync(new(CustomerType.Household, TestData.Person("Zwei")));
        await using var b = ClerkOf(BrandB);
        var other = await new CreateCustomer(b).RunAsync(new(CustomerType.Household, TestData.Person("Drei")));

        first.CustomerNumber.ShouldBe("K-1");
        second.CustomerNumber.ShouldBe("K-2");
        other.CustomerNumber.ShouldBe("K-1");
    }

    [Fact]
    public async Task Rejects_duplicate_email_within_the_brand_and_saves_nothing()
    {
        await using (var db = ClerkOf(BrandA))
            await new CreateCustomer(db).RunAsync(new(CustomerType.Household, TestData.Person("Erste", "erika@example.de")));

        await using (var db = ClerkOf(BrandA))
        {
            var ex = await Should.ThrowAsync<DomainException>(() =>
                new CreateCustomer(db).RunAsync(new(CustomerType.Household, TestData.Person("Zweite", "Erika@Example.de"))));
            ex.Field.ShouldBe("Email");
            ex.Message.ShouldBe(CoreText.Format("Customer.EmailDuplicate", "Erika@Example.de"));
            ex.Message.ShouldContain("bereits");
        }

        await using var check = System();
        (await check.Customers.CountAsync()).ShouldBe(1);
        (await check.Customers.AnyAsync(c => c.LastName == "Zweite")).ShouldBeFalse();
    }

    [Fact]
    public async Task Allows_the_same_email_in_another_brand()
    {
        await using (var db = ClerkOf(BrandA))
            await new CreateCustomer(db).RunAsync(new(CustomerType.Household, TestData.Person("Erste", "erika@example.de")));
        await using (var db = ClerkOf(BrandB))
            await new CreateCustomer(db).RunAsync(new(CustomerType.Household, TestData.Person("Zweite", "erika@example.de")));

        await using var check = System();
        (await check.Customers.CountAsync(c => c.NormalizedEmail == "ERIKA@EXAMPLE.DE")).ShouldBe(2);
    }

    [Fact]
    public async Task Update_refuses_an_email_of_another_customer_and_keeps_the_old_data()
    {
        Guid secondId;
        await using (var db = ClerkOf(BrandA))
        {
            await new CreateCustomer(db).RunAsync(new(CustomerType.Household, TestData.Person("Erste", "erste@example.de")));
            secondId = (await new CreateCustomer(db).RunAsync(new(CustomerType.Household, TestData.Person("Zweite", "zweite@example.de")))).Id;
        }

        await using (var db = ClerkOf(BrandA))
        {
            var ex = await Should.ThrowAsync<DomainException>(() => new UpdateCustomer(db).RunAsync(secondId, TestData.Person("Geändert", "erste@example.de")));
            ex.Field.ShouldBe("Email");
        }

        await using var check = System();
        var second = await check.Customers.SingleAsync(c => c.Id == secondId);
        second.LastName.ShouldBe("Zweite");
        second.Email.ShouldBe("zweite@example.de");
    }

    [Fact]
    public async Task Invalid_master_data_names_the_field_and_saves_nothing()
    {
        await using (var db = ClerkOf(BrandA))
        {
            var ex = await Should.ThrowAsync<DomainException>(() =>
                new CreateCustomer(db).RunAsync(new(CustomerType.Household, TestData.Person("Muster") with { PostalAddress = TestData.Address("123") })));
            ex.Field.ShouldBe("PostalAddress.PostalCode");
        }
        await using var check = System();
        (await check.Customers.CountAsync()).ShouldBe(0);
    }
}
