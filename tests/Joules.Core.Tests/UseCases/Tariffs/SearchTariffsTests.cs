using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.UseCases.Tariffs;
using Shouldly;

namespace Joules.Core.Tests.UseCases.Tariffs;

/// <summary>The tariff list: the brand's own tariffs, found by a name typed in lower case, each with its usage.</summary>
public class SearchTariffsTests : UseCaseTestBase
{
    [Fact]
    public async Task Lists_the_brands_tariffs_by_text_with_their_usage()
    {
        await using (var db = System())
        {
            var heatPump = new Tariff(BrandA.Id, "WP-12", "Wärmepumpenstrom 12", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 1, 4, 12));
            heatPump.ChangeUsage(TariffUsage.HeatPump);
            db.AddRange(heatPump,
                new Tariff(BrandA.Id, "STROM-12", "Strom 12", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 1, 4, 12)),
                new Tariff(BrandB.Id, "WP-B", "Wärmepumpe Marke B", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 1, 4, 12)));
            await db.SaveChangesAsync();
        }
        await using var clerk = ClerkOf(BrandA);

        var all = await new SearchTariffs(clerk).RunAsync(new TariffSearch());
        var found = await new SearchTariffs(clerk).RunAsync(new TariffSearch(Text: "wärmepumpen"));

        all.Items.Select(t => (t.Code, t.Usage)).ShouldBe([("STROM-12", TariffUsage.General), ("WP-12", TariffUsage.HeatPump)]);
        found.Items.ShouldHaveSingleItem().Code.ShouldBe("WP-12");
    }
}
