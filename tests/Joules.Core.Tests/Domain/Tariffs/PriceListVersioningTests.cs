using Joules.Core.Domain.Common;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Joules.Core.UseCases.Tariffs;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.Domain.Tariffs;

public class PriceListVersioningTests
{
    private static readonly PriceComponents Prices = new(119.40m, 27.1234m, 50m, 0m);

    [Fact]
    public void Versions_increment_per_delivery_area()
    {
        var brand = Guid.NewGuid();
        var tariff = TestData.PowerTariff(brand);
        var north = new DeliveryArea(brand, "Nord", ["79100"]);
        var south = new DeliveryArea(brand, "Süd", ["79200"]);

        tariff.AddPriceList(north, new DateOnly(2026, 1, 1), Prices).Version.ShouldBe(1);
        tariff.AddPriceList(north, new DateOnly(2026, 7, 1), Prices with { EnergyPriceCtPerKwh = 26.9876m }).Version.ShouldBe(2);
        tariff.AddPriceList(south, new DateOnly(2026, 1, 1), Prices).Version.ShouldBe(1);

        tariff.PriceListOn(north.Id, new DateOnly(2026, 6, 30))!.Version.ShouldBe(1);
        tariff.PriceListOn(north.Id, new DateOnly(2026, 7, 1))!.EnergyPriceCtPerKwh.ShouldBe(26.9876m);
    }

    [Theory]
    [InlineData("2026-07-01")]
    [InlineData("2026-06-01")]
    public void A_new_version_must_start_after_the_previous_one(string validFrom)
    {
        var brand = Guid.NewGuid();
        var tariff = TestData.PowerTariff(brand);
        var area = new DeliveryArea(brand, "Nord", ["79100"]);
        tariff.AddPriceList(area, new DateOnly(2026, 7, 1), Prices);

        var ex = Should.Throw<DomainException>(() => tariff.AddPriceList(area, DateOnly.Parse(validFrom), Prices));
        ex.Field.ShouldBe(nameof(PriceList.ValidFrom));
        tariff.PriceLists.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Saved_versions_keep_four_decimals_and_refuse_an_earlier_start()
    {
        await using var database = await new SqliteTestDatabase().MigrateAsync();
        var brand = await database.AddBrandAsync("AAA", "Brand A");
        Guid tariffId, areaId;
        await using (var db = database.Context(new SystemUser("clerk", brand.Id)))
        {
            var tariff = TestData.PowerTariff(brand.Id);
            db.Tariffs.Add(tariff);
            await db.SaveChangesAsync();
            tariffId = tariff.Id;
            areaId = await new SaveDeliveryArea(db).SaveAsync(null, "Nord", "79100, 79102\n79104");
        }
        var input = new PriceListInput { DeliveryAreaId = areaId, ValidFrom = new DateOnly(2026, 1, 1), BasePricePerYear = 119.40m, EnergyPriceCtPerKwh = 27.1234m };
        await using (var db = database.Context(new SystemUser("clerk", brand.Id)))
            await new AddPriceListVersion(db).RunAsync(tariffId, input);
        await using (var db = database.Context(new SystemUser("clerk", brand.Id)))
        {
            (await new AddPriceListVersion(db).RunAsync(tariffId, new PriceListInput { DeliveryAreaId = areaId, ValidFrom = new DateOnly(2026, 4, 1), EnergyPriceCtPerKwh = 28m })).Version.ShouldBe(2);
            await Should.ThrowAsync<DomainException>(() => new AddPriceListVersion(db).RunAsync(tariffId, input));
        }
        await using var check = database.Context(new SystemUser());
        var lists = await check.PriceLists.Where(p => p.TariffId == tariffId).OrderBy(p => p.Version).ToListAsync();
        lists.Select(p => p.Version).ShouldBe([1, 2]);
        lists[0].EnergyPriceCtPerKwh.ShouldBe(27.1234m);
        (await check.DeliveryAreaPostalCodes.CountAsync(p => p.DeliveryAreaId == areaId)).ShouldBe(3);
    }

    [Fact]
    public void Gross_price_adds_19_percent_VAT() => AddPriceListVersion.Gross(23.6471m, 4).ShouldBe(28.1400m);
}
