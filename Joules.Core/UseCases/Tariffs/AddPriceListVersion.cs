using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Tariffs;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Tariffs;

/// <summary>Input of the "new price list version" form; net prices.</summary>
public sealed class PriceListInput
{
    public Guid? DeliveryAreaId { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public decimal BasePricePerYear { get; set; }
    public decimal EnergyPriceCtPerKwh { get; set; }
    public decimal NewCustomerBonus { get; set; }
    public decimal InstantBonus { get; set; }
}

/// <summary>Adds the next price list version of a tariff for a delivery area (<see cref="Tariff.AddPriceList"/>).</summary>
public sealed class AddPriceListVersion(JoulesDbContext db)
{
    /// <summary>Value-added tax rate used to show gross prices (Germany, 19 %).</summary>
    public const decimal VatRate = 0.19m;

    /// <summary>Gross value of a net amount, rounded to <paramref name="decimals"/>.</summary>
    public static decimal Gross(decimal net, int decimals = 2) => Math.Round(net * (1 + VatRate), decimals, MidpointRounding.AwayFromZero);

    public async Task<PriceList> RunAsync(Guid tariffId, PriceListInput input, CancellationToken ct = default)
    {
        if (input.DeliveryAreaId is not { } areaId) throw new DomainException(CoreText.Get("Price.AreaRequired"), nameof(PriceListInput.DeliveryAreaId));
        if (input.ValidFrom is not { } validFrom) throw new DomainException(CoreText.Get("Price.ValidFromRequired"), nameof(PriceListInput.ValidFrom));
        var tariff = await db.Tariffs.Include(t => t.PriceLists).SingleAsync(t => t.Id == tariffId, ct);
        var area = await db.DeliveryAreas.SingleAsync(a => a.Id == areaId, ct);
        var list = tariff.AddPriceList(area, validFrom, new PriceComponents(input.BasePricePerYear, input.EnergyPriceCtPerKwh, input.NewCustomerBonus, input.InstantBonus));
        await db.SaveChangesAsync(ct);
        return list;
    }
}
