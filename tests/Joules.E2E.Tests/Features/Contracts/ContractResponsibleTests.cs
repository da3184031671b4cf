using Joules.Core.Data;
using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Contracts;

/// <summary>Back office sets who is responsible for a contract on its page; the choice is saved with the contract.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContractResponsibleTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Staff_assigns_the_responsible_employee_on_the_contract_page()
    {
        var (id, _) = await App.CreateContractAsync("Zustaendig");
        await Page.SignInAsync("staff", DemoUsers.Password);
        await Page.OpenAsync($"/contracts/{id}");

        var select = Page.GetByTestId("contract-responsible").First;
        await Expect(select).ToBeVisibleAsync();
        await Page.ChooseAsync("contract-responsible", "Stefan Sachbearbeiter");
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("Zuständig ist jetzt Stefan Sachbearbeiter.");

        var (responsible, staff) = await App.Host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            return (await db.Contracts.Where(c => c.Id == id).Select(c => c.ResponsibleUserId).SingleAsync(),
                await db.Users.Where(u => u.UserName == "staff").Select(u => (Guid?)u.Id).SingleAsync());
        });
        responsible.ShouldBe(staff);

        await Page.OpenAsync($"/contracts/{id}");
        await Expect(Page.GetByTestId("contract-responsible").First).ToContainTextAsync("Stefan Sachbearbeiter");
    }
}
