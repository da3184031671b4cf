using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Tests.Infrastructure;
using Joules.Core.UseCases.Contracts;
using Joules.Core.UseCases.Customers;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.UseCases.Contracts;

public class CaptureContractTests : UseCaseTestBase
{
    private async Task<(Guid CustomerId, Guid TariffId)> CustomerAndTariffAsync()
    {
        await using var db = ClerkOf(BrandA);
        var customer = await new CreateCustomer(db).RunAsync(new(CustomerType.Household, TestData.Person()));
        var tariff = TestData.PowerTariff(BrandA.Id);
        db.Tariffs.Add(tariff);
        await db.SaveChangesAsync();
        return (customer.Id, tariff.Id);
    }

    private static ContractDetails Details(string? maLo = "41373559241") =>
        new(TestData.Address(), maLo, "1ESY1160123456", 3200, new DateOnly(2027, 2, 1));

    [Fact]
    public async Task Captures_a_contract_with_the_next_contract_number()
    {
        var (customerId, tariffId) = await CustomerAndTariffAsync();
        await using var db = ClerkOf(BrandA);

        var first = await new CaptureContract(db).RunAsync(new(customerId, tariffId, null, SalesChannel.BackOffice, Details()));
        var second = await new CaptureContract(db).RunAsync(new(customerId, tariffId, null, SalesChannel.Phone, Details()));

        first.ContractNumber.ShouldBe("V-1");
        second.ContractNumber.ShouldBe("V-2");
        first.Status.ShouldBe(ContractStatus.Captured);
        await using var check = System();
        (await check.ContractStatusEvents.CountAsync(e => e.ContractId == first.Id && e.Actor == "clerk")).ShouldBe(1);
    }

    private sealed record Acting(Guid? UserId, string UserName, Guid? BrandId, IReadOnlyCollection<Guid>? VisiblePartnerIds) : Joules.Core.Tenancy.ICurrentUser
    {
        public bool AllBrands => false;
    }

    [Fact]
    public async Task Back_office_employee_who_captures_becomes_responsible_but_a_sales_partner_user_does_not()
    {
        var (customerId, tariffId) = await CustomerAndTariffAsync();
        var partner = new SalesPartner(BrandA.Id, "VP-1", "Vertrieb Eins", null, SalesChannel.DoorToDoor);
        await using (var system = System())
        {
            system.SalesPartners.Add(partner);
            await system.SaveChangesAsync();
        }
        var employee = Guid.NewGuid();
        var partnerUser = Guid.NewGuid();

        await using var staffDb = Database.Context(new Acting(employee, "staff", BrandA.Id, null));
        var byStaff = await new CaptureContract(staffDb).RunAsync(new(customerId, tariffId, null, SalesChannel.BackOffice, Details()));
        await using var partnerDb = Database.Context(new Acting(partnerUser, "partner", BrandA.Id, [partner.Id]));
        var byPartner = await new CaptureContract(partnerDb).RunAsync(new(customerId, tariffId, partner.Id, SalesChannel.DoorToDoor, Details()));

        await using var check = System();
        (await check.Contracts.Where(c => c.Id == byStaff.Id).Select(c => c.ResponsibleUserId).SingleAsync()).ShouldBe(employee);
        (await check.Contracts.Where(c => c.Id == byPartner.Id).Select(c => c.ResponsibleUserId).SingleAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task Rejects_contract_with_invalid_MaLo_ID_and_saves_nothing()
    {
        var (customerId, tariffId) = await CustomerAndTariffAsync();
        await using (var db = ClerkOf(BrandA))
        {
            var ex = await Should.ThrowAsync<DomainException>(() =>
                new CaptureContract(db).RunAsync(new(customerId, tariffId, null, SalesChannel.BackOffice, Details("41373559242"))));
            ex.Field.ShouldBe("MaLoId");
            ex.Message.ShouldBe(CoreText.Format("Contract.MaLoInvalid", "41373559242"));
            ex.Message.ShouldContain("ungültig");
        }

        await using var check = System();
        (await check.Contracts.CountAsync()).ShouldBe(0);
        (await check.ContractStatusEvents.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Status_change_through_the_use_case_is_saved_and_refusal_keeps_the_status()
    {
        var (customerId, tariffId) = await CustomerAndTariffAsync();
        Guid contractId;
        await using (var db = ClerkOf(BrandA))
            contractId = (await new CaptureContract(db).RunAsync(new(customerId, tariffId, null, SalesChannel.BackOffice, Details()))).Id;

        await using (var db = ClerkOf(BrandA))
            await new ChangeContractStatus(db).RunAsync(contractId, ContractStatus.NeedsClarification, "Zählernummer fehlt");
        await using (var db = ClerkOf(BrandA))
        {
            var ex = await Should.ThrowAsync<DomainException>(() => new ChangeContractStatus(db).RunAsync(contractId, ContractStatus.InSupply, null));
            ex.Message.ShouldContain(ContractStatusText.Label(ContractStatus.NeedsClarification));
        }

        await using var read = ClerkOf(BrandA);
        var detail = (await new GetContractDetail(read).RunAsync(contractId))!;
        detail.Contract.Status.ShouldBe(ContractStatus.NeedsClarification);
        detail.History.Select(h => h.To).ShouldBe([ContractStatus.NeedsClarification, ContractStatus.Captured]);
        detail.History[0].Reason.ShouldBe("Zählernummer fehlt");
    }

    [Fact]
    public async Task Another_brand_cannot_change_the_contract()
    {
        var (customerId, tariffId) = await CustomerAndTariffAsync();
        Guid contractId;
        await using (var db = ClerkOf(BrandA))
            contractId = (await new CaptureContract(db).RunAsync(new(customerId, tariffId, null, SalesChannel.BackOffice, Details()))).Id;

        await using var other = ClerkOf(BrandB);
        await Should.ThrowAsync<DomainException>(() => new ChangeContractStatus(other).RunAsync(contractId, ContractStatus.CreditCheckPending, null));
        (await new GetContractDetail(other).RunAsync(contractId)).ShouldBeNull();
    }
}
