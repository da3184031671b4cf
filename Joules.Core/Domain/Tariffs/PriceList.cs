using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Tariffs;

/// <summary>One version of a tariff's prices in one delivery area. Net prices; gross is derived with the VAT rate.</summary>
public sealed class PriceList : Entity, IBrandConfiguration
{
    private PriceList() { }

    internal PriceList(Guid brandId, Guid tariffId, Guid deliveryAreaId, int version, DateOnly validFrom, PriceComponents prices)
    {
        prices.Validate();
        BrandId = brandId;
        TariffId = tariffId;
        DeliveryAreaId = deliveryAreaId;
        Version = version;
        ValidFrom = validFrom;
        BasePricePerYear = prices.BasePricePerYear;
        EnergyPriceCtPerKwh = prices.EnergyPriceCtPerKwh;
        NewCustomerBonus = prices.NewCustomerBonus;
        InstantBonus = prices.InstantBonus;
    }

    public Guid BrandId { get; set; }
    public Guid TariffId { get; private set; }
    public Guid DeliveryAreaId { get; private set; }
    public int Version { get; private set; }
    public DateOnly ValidFrom { get; private set; }
    /// <summary>Grundpreis, € per year, net.</summary>
    public decimal BasePricePerYear { get; private set; }
    /// <summary>Arbeitspreis, ct per kWh, net, at least 4 decimals.</summary>
    public decimal EnergyPriceCtPerKwh { get; private set; }
    /// <summary>Neukundenbonus in €.</summary>
    public decimal NewCustomerBonus { get; private set; }
    /// <summary>Sofortbonus in €.</summary>
    public decimal InstantBonus { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>The price list of <paramref name="lists"/> valid on <paramref name="day"/>: the latest start on or before
    /// the day, the higher version where two start on the same day (a postal code in two delivery areas); null if none.</summary>
    public static PriceList? CurrentOf(IEnumerable<PriceList> lists, DateOnly day)
    {
        PriceList? current = null;
        foreach (var p in lists)
            if (p.ValidFrom <= day && (current is null || (p.ValidFrom, p.Version).CompareTo((current.ValidFrom, current.Version)) > 0))
                current = p;
        return current;
    }

    /// <summary>Net cost of a year at <paramref name="annualKwh"/> without bonuses, in €.</summary>
    public decimal AnnualCostNet(decimal annualKwh) => BasePricePerYear + EnergyPriceCtPerKwh * annualKwh / 100m;
}

/// <summary>The price components of a price list version.</summary>
public sealed record PriceComponents(decimal BasePricePerYear, decimal EnergyPriceCtPerKwh, decimal NewCustomerBonus, decimal InstantBonus)
{
    public void Validate()
    {
        if (BasePricePerYear < 0) throw new DomainException(CoreText.Get("Price.BaseNegative"), nameof(BasePricePerYear));
        if (EnergyPriceCtPerKwh is <= 0 or > 200) throw new DomainException(CoreText.Get("Price.EnergyRange"), nameof(EnergyPriceCtPerKwh));
        if (NewCustomerBonus < 0 || InstantBonus < 0) throw new DomainException(CoreText.Get("Price.BonusNegative"), nameof(NewCustomerBonus));
    }
}
