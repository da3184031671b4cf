using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;

namespace Joules.Core.Domain.Tariffs;

/// <summary>A product a brand sells, with terms; prices live in versioned <see cref="PriceList"/>s per delivery area.</summary>
public sealed class Tariff : Entity, IBrandConfiguration
{
    private readonly List<PriceList> _priceLists = [];

    private Tariff() { }

    public Tariff(Guid brandId, string code, string name, Commodity commodity, CustomerType customerType, TariffTerms terms)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new DomainException(CoreText.Get("Tariff.CodeRequired"), nameof(Code));
        BrandId = brandId;
        Code = code.Trim().ToUpperInvariant();
        Commodity = commodity;
        CustomerType = customerType;
        Rename(name);
        ChangeTerms(terms);
    }

    public Guid BrandId { get; set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Description { get; set; }
    public Commodity Commodity { get; private set; }
    public CustomerType CustomerType { get; private set; }
    public int MinimumTermMonths { get; private set; }
    public int RenewalTermMonths { get; private set; }
    public int NoticePeriodWeeks { get; private set; }
    public int PriceGuaranteeMonths { get; private set; }
    public bool IsActive { get; set; } = true;
    /// <summary>What the power is for: general supply, or a separately metered heat pump or night storage heating
    /// (Wärmestrom, with the reduced grid fees of § 14a EnWG). Gas tariffs are always <see cref="TariffUsage.General"/>.</summary>
    public TariffUsage Usage { get; private set; }
    public IReadOnlyList<PriceList> PriceLists => _priceLists;

    /// <summary>Sets <see cref="Usage"/>.</summary>
    /// <exception cref="DomainException">A heating usage on a gas tariff.</exception>
    public void ChangeUsage(TariffUsage usage)
    {
        if (!Enum.IsDefined(usage) || (usage != TariffUsage.General && Commodity != Commodity.Electricity))
            throw new DomainException(CoreText.Get("Tariff.UsagePowerOnly"), nameof(Usage));
        Usage = usage;
    }

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException(CoreText.Get("Tariff.NameRequired"), nameof(Name));
        Name = name.Trim();
    }

    public void ChangeTerms(TariffTerms terms)
    {
        terms.Validate();
        MinimumTermMonths = terms.MinimumTermMonths;
        RenewalTermMonths = terms.RenewalTermMonths;
        NoticePeriodWeeks = terms.NoticePeriodWeeks;
        PriceGuaranteeMonths = terms.PriceGuaranteeMonths;
    }

    /// <summary>Adds the next price list version for an area. Earlier versions stay as they are.</summary>
    public PriceList AddPriceList(DeliveryArea area, DateOnly validFrom, PriceComponents prices)
    {
        if (area.BrandId != BrandId) throw new DomainException(CoreText.Get("Tariff.AreaOtherBrand"), nameof(PriceList.DeliveryAreaId));
        var previous = _priceLists.Where(p => p.DeliveryAreaId == area.Id).OrderByDescending(p => p.Version).FirstOrDefault();
        if (previous is not null && validFrom <= previous.ValidFrom)
            throw new DomainException(CoreText.Format("Tariff.ValidFromNotAfter", previous.ValidFrom), nameof(PriceList.ValidFrom));
        var list = new PriceList(BrandId, Id, area.Id, (previous?.Version ?? 0) + 1, validFrom, prices);
        _priceLists.Add(list);
        return list;
    }

    /// <summary>The price list valid on <paramref name="day"/> in an area, if any.</summary>
    public PriceList? PriceListOn(Guid deliveryAreaId, DateOnly day) => PriceList.CurrentOf(_priceLists.Where(p => p.DeliveryAreaId == deliveryAreaId), day);

    /// <summary>The price list valid on <paramref name="day"/> in any of <paramref name="deliveryAreaIds"/> (the delivery areas
    /// containing a postal code), see <see cref="PriceList.CurrentOf"/>.</summary>
    public PriceList? PriceListOn(IReadOnlyCollection<Guid> deliveryAreaIds, DateOnly day) =>
        PriceList.CurrentOf(_priceLists.Where(p => deliveryAreaIds.Contains(p.DeliveryAreaId)), day);
}

/// <summary>What a power tariff supplies (Verwendungszweck).</summary>
public enum TariffUsage
{
    /// <summary>Household or business power in general (Haushalts-/Gewerbestrom); every gas tariff.</summary>
    General = 0,
    /// <summary>A separately metered heat pump (Wärmepumpenstrom).</summary>
    HeatPump = 1,
    /// <summary>A separately metered night storage heating (Nachtspeicherheizung, off-peak power).</summary>
    NightStorage = 2,
}

/// <summary>Contract terms of a tariff.</summary>
public sealed record TariffTerms(int MinimumTermMonths, int RenewalTermMonths, int NoticePeriodWeeks, int PriceGuaranteeMonths)
{
    public void Validate()
    {
        if (MinimumTermMonths is < 0 or > 36) throw new DomainException(CoreText.Get("Tariff.MinimumTermRange"), nameof(MinimumTermMonths));
        if (RenewalTermMonths is < 0 or > 24) throw new DomainException(CoreText.Get("Tariff.RenewalTermRange"), nameof(RenewalTermMonths));
        if (NoticePeriodWeeks is < 0 or > 26) throw new DomainException(CoreText.Get("Tariff.NoticePeriodRange"), nameof(NoticePeriodWeeks));
        if (PriceGuaranteeMonths is < 0 or > 48) throw new DomainException(CoreText.Get("Tariff.PriceGuaranteeRange"), nameof(PriceGuaranteeMonths));
    }
}
