using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.UseCases.Credit;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.UseCases.Credit;

public class CreditSettingsUseCaseTests : UseCaseTestBase
{
    [Fact]
    public async Task Settings_of_a_brand_without_any_show_the_defaults_and_are_created_on_first_save()
    {
        await using (var db = ClerkOf(BrandA))
        {
            var form = await new SaveCreditCheckSettings(db).LoadAsync(BrandA.Id);
            form.Exists.ShouldBeFalse();
            form.AutoCheck.ShouldBeTrue();
            form.ReuseDays.ShouldBe(30);
            await new SaveCreditCheckSettings(db).SaveAsync(BrandA.Id, form with { AutoCheck = false, ReuseDays = 14, FullCheckFromKwh = 10_000, FullCheckFromContractValue = 2500m });
        }

        await using var read = ClerkOf(BrandA);
        var saved = await new SaveCreditCheckSettings(read).LoadAsync(BrandA.Id);
        saved.ShouldBe(new CreditSettingsForm(false, 14, 10_000, 2500m, Exists: true));
        (await read.CreditCheckSettings.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Invalid_reuse_days_are_refused_naming_the_field()
    {
        await using var db = ClerkOf(BrandA);
        var ex = await Should.ThrowAsync<DomainException>(() =>
            new SaveCreditCheckSettings(db).SaveAsync(BrandA.Id, new CreditSettingsForm(true, 400, null, null)));
        ex.Field.ShouldBe("ReuseDays");
        ex.Message.ShouldContain("365");
        var threshold = await Should.ThrowAsync<DomainException>(() =>
            new SaveCreditCheckSettings(db).SaveAsync(BrandA.Id, new CreditSettingsForm(true, 30, -1, null)));
        threshold.Field.ShouldBe("FullCheckFromKwh");
    }

    [Fact]
    public async Task A_clerk_cannot_read_or_change_the_settings_or_routes_of_another_brand()
    {
        await using var db = ClerkOf(BrandA);
        await Should.ThrowAsync<DomainException>(() => new SaveCreditCheckSettings(db).LoadAsync(BrandB.Id));
        await Should.ThrowAsync<DomainException>(() => new SaveCreditCheckSettings(db).SaveAsync(BrandB.Id, new CreditSettingsForm(true, 30, null, null)));
        await Should.ThrowAsync<DomainException>(() =>
            new SaveBureauRoutes(db).SaveAsync(BrandB.Id, "DE", CustomerType.Household, [new("schufa", "score-2026")]));
        await using var system = System();
        (await system.CreditCheckSettings.CountAsync()).ShouldBe(0);
        (await system.BureauRoutes.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Routes_are_saved_in_the_given_order_and_a_reordered_shorter_list_rewrites_positions_1_to_n()
    {
        await using (var db = ClerkOf(BrandA))
        {
            var routes = new SaveBureauRoutes(db);
            await routes.SaveAsync(BrandA.Id, "DE", CustomerType.Household,
                [new("schufa", "score-2026"), new("boniversum", "bonima"), new("crif", "crif-score")]);
            await routes.SaveAsync(BrandA.Id, "AT", CustomerType.Business, [new("ksv1870", "ksv-rating")]);
        }
        await using (var db = ClerkOf(BrandA))
            await new SaveBureauRoutes(db).SaveAsync(BrandA.Id, "DE", CustomerType.Household, [new("crif", "crif-score"), new("schufa", "score-2026")]);

        await using var read = ClerkOf(BrandA);
        var de = await new SaveBureauRoutes(read).LoadAsync(BrandA.Id, "DE", CustomerType.Household);
        de.ShouldBe([new("crif", "crif-score"), new("schufa", "score-2026")]);
        (await read.BureauRoutes.Where(r => r.Country == "DE").OrderBy(r => r.Position).Select(r => r.Position).ToListAsync()).ShouldBe([1, 2]);
        (await new SaveBureauRoutes(read).LoadAsync(BrandA.Id, "AT", CustomerType.Business)).ShouldBe([new("ksv1870", "ksv-rating")]);
        (await new SaveBureauRoutes(read).LoadAsync(BrandA.Id, "DE", CustomerType.Business)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_route_that_does_not_fit_the_country_or_customer_type_or_repeats_a_product_is_refused_naming_the_field()
    {
        await using var db = ClerkOf(BrandA);
        var routes = new SaveBureauRoutes(db);
        var country = await Should.ThrowAsync<DomainException>(() =>
            routes.SaveAsync(BrandA.Id, "AT", CustomerType.Household, [new("crif", "crif-score"), new("schufa", "score-2026")]));
        country.Field.ShouldBe("Country");
        country.Message.ShouldContain("SCHUFA");

        var product = await Should.ThrowAsync<DomainException>(() =>
            routes.SaveAsync(BrandA.Id, "DE", CustomerType.Business, [new("schufa", "score-2026")]));
        product.Field.ShouldBe("Product");

        var duplicate = await Should.ThrowAsync<DomainException>(() =>
            routes.SaveAsync(BrandA.Id, "DE", CustomerType.Household, [new("schufa", "score-2026"), new("crif", "crif-score"), new("schufa", "score-2026")]));
        duplicate.Field.ShouldBe("Product");
        duplicate.Message.ShouldContain("bereits in der Reihenfolge");
        (await db.BureauRoutes.CountAsync()).ShouldBe(0);
    }
}
