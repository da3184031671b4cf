using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Pricing;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Orders;

/// <summary>Input of <see cref="FindOrderableTariffs"/>: where and how much. Give either <paramref name="AnnualKwh"/> or,
/// for power, <paramref name="HouseholdSize"/> (typical consumption by persons, see <see cref="HouseholdConsumption"/>).</summary>
public sealed record OrderableTariffQuery(
    Guid BrandId, Commodity Commodity, CustomerType CustomerType, string PostalCode, int? AnnualKwh, int? HouseholdSize, DateOnly Date);

/// <summary>One tariff the customer can order, priced at the query's consumption (all-inclusive prices of the delivery
/// area, VAT only: no market data). <c>Cost</c> is the full breakdown of <see cref="TariffCostCalculator"/>; the base and
/// working prices are the price list's, shown incl. VAT.</summary>
public sealed record OrderableTariff(
    Guid TariffId, Guid PriceListId, string Code, string Name, string? Description,
    int MinimumTermMonths, int RenewalTermMonths, int NoticePeriodWeeks, int PriceGuaranteeMonths,
    decimal BasePricePerYearGross, decimal WorkingPriceCtPerKwhGross, CostBreakdown Cost)
{
    /// <summary>Cost of the first year incl. VAT, after bonuses.</summary>
    public decimal FirstYearGross => Cost.FirstYear.Gross;
    /// <summary>Cost of every later year incl. VAT (no bonuses).</summary>
    public decimal LaterYearsGross => Cost.LaterYears.Gross;
    /// <summary>Monthly instalment (Abschlag) in whole euros.</summary>
    public decimal MonthlyInstalment => Cost.MonthlyInstalment;
    /// <summary>Sum of the first-year bonuses incl. VAT, as a positive amount (0 without bonuses).</summary>
    public decimal BonusesGross => Cost.Bonuses.Gross;
}

/// <summary>The result: the consumption used and the tariffs, cheapest first-year cost first.</summary>
public sealed record OrderableTariffs(string PostalCode, int AnnualKwh, IReadOnlyList<OrderableTariff> Tariffs);

/// <summary>First step of the order funnel: the brand's active tariffs of the commodity and customer type that have a
/// price list valid on the date in the delivery area containing the postal code, each priced with
/// <see cref="TariffCostCalculator"/> in all-inclusive mode (our prices contain everything; only VAT is added:
/// 19 % in Germany, 20 % for Austrian 4-digit postal codes).</summary>
public sealed class FindOrderableTariffs(JoulesDbContext db)
{
    /// <summary>Largest annual consumption accepted in the funnel (households and small businesses).</summary>
    public const int MaxAnnualKwh = 100_000;

    /// <exception cref="DomainException">Invalid postal code or consumption, or the brand does not supply the postal code
    /// (field <c>PostalCode</c>, <c>AnnualKwh</c>).</exception>
    public async Task<OrderableTariffs> RunAsync(OrderableTariffQuery query, CancellationToken ct = default)
    {
        var postalCode = CheckPostalCode(query.PostalCode);
        var kwh = AnnualKwh(query.AnnualKwh, query.HouseholdSize);
        var areaIds = await AreasOfAsync(db, query.BrandId, postalCode, ct);
        if (areaIds.Count == 0)
        {
            var brandName = await db.Brands.Where(b => b.Id == query.BrandId).Select(b => b.Name).SingleOrDefaultAsync(ct) ?? "";
            throw new DomainException(CoreText.Format("Order.PostalCodeNotSupplied", postalCode, brandName), "PostalCode");
        }

        var tariffs = await db.Tariffs.AsNoTracking().Include(t => t.PriceLists)
            .Where(t => t.BrandId == query.BrandId && t.IsActive && t.Commodity == query.Commodity && t.CustomerType == query.CustomerType)
            .ToListAsync(ct);
        var location = LocationCharges.VatOnly(VatPercentFor(postalCode));
        var result = new List<OrderableTariff>();
        foreach (var tariff in tariffs)
        {
            var list = areaIds.Select(a => tariff.PriceListOn(a, query.Date)).Where(p => p is not null)
                .OrderByDescending(p => p!.ValidFrom).FirstOrDefault();
            if (list is null) continue;
            result.Add(Price(tariff, list, location, kwh));
        }
        return new OrderableTariffs(postalCode, kwh, result.OrderBy(t => t.FirstYearGross).ThenBy(t => t.Name, StringComparer.CurrentCulture).ToList());
    }

    /// <summary>Prices one tariff's price list at <paramref name="annualKwh"/>.</summary>
    public static OrderableTariff Price(Tariff tariff, PriceList list, LocationCharges location, int annualKwh)
    {
        var prices = TariffPrices.AllInclusive(list);
        var consumption = new Consumption(tariff.Commodity, annualKwh);
        var cost = TariffCostCalculator.Calculate(prices, location, consumption);
        var factor = 1m + location.VatPercent / 100m;
        return new OrderableTariff(tariff.Id, list.Id, tariff.Code, tariff.Name, tariff.Description,
            tariff.MinimumTermMonths, tariff.RenewalTermMonths, tariff.NoticePeriodWeeks, tariff.PriceGuaranteeMonths,
            PricingRounding.Cents(list.BasePricePerYear * factor), PricingRounding.UnitPrice(list.EnergyPriceCtPerKwh * factor), cost);
    }

    /// <summary>Trims and checks a German (5 digits) or Austrian (4 digits) postal code.</summary>
    public static string CheckPostalCode(string? postalCode)
    {
        var code = postalCode?.Trim() ?? "";
        if (code.Length is not (4 or 5) || !code.All(char.IsAsciiDigit))
            throw new DomainException(CoreText.Get("Order.PostalCodeInvalid"), "PostalCode");
        return code;
    }

    /// <summary>The annual consumption from kWh or the household size (power).</summary>
    public static int AnnualKwh(int? annualKwh, int? householdSize)
    {
        if (annualKwh is { } kwh)
        {
            if (kwh is < 1 or > MaxAnnualKwh) throw new DomainException(CoreText.Get("Order.ConsumptionRange"), "AnnualKwh");
            return kwh;
        }
        if (householdSize is { } persons) return (int)HouseholdConsumption.Power(persons);
        throw new DomainException(CoreText.Get("Order.ConsumptionRequired"), "AnnualKwh");
    }

    /// <summary>VAT rate of the country of the postal code: 20 % for Austria (4 digits), else 19 %.</summary>
    public static decimal VatPercentFor(string postalCode) => postalCode.Length == 4 ? 20m : 19m;

    internal static Task<List<Guid>> AreasOfAsync(JoulesDbContext db, Guid brandId, string postalCode, CancellationToken ct) =>
        db.DeliveryAreaPostalCodes.AsNoTracking().Where(p => p.BrandId == brandId && p.PostalCode == postalCode)
            .Select(p => p.DeliveryAreaId).Distinct().ToListAsync(ct);
}
