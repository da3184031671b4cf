using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.MarketData;
using Joules.Core.Pricing;
using Joules.Core.UseCases.Tariffs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Joules.Core.UseCases.Orders;

/// <summary>Input of <see cref="FindOrderableTariffs"/>: where and how much. Give either <paramref name="AnnualKwh"/> or,
/// for power, <paramref name="HouseholdSize"/> (typical consumption by persons, see <see cref="HouseholdConsumption"/>).</summary>
public sealed record OrderableTariffQuery(
    Guid BrandId, Commodity Commodity, CustomerType CustomerType, string PostalCode, int? AnnualKwh, int? HouseholdSize, DateOnly Date)
{
    /// <summary>Street of the delivery address; decides the grid area where the postal code spans several (market data only).</summary>
    public string? Street { get; init; }

    /// <summary>House number of the delivery address; decides the grid area where a street is split (market data only).</summary>
    public string? HouseNumber { get; init; }

    /// <summary>What the power is for: general supply (default), or a separately metered heat pump or night storage heating;
    /// only tariffs of that usage are offered. Gas is always general.</summary>
    public TariffUsage Usage { get; init; }
}

/// <summary>What market data says about the query's address (<see cref="FindOrderableTariffs.LocateAsync"/>).</summary>
/// <param name="NeedsStreet">The postal code (or the street given) lies in several grid areas: ask for street and house number.</param>
/// <param name="Streets">The streets of the candidate areas when <paramref name="NeedsStreet"/> (with house number ranges where a street is split).</param>
/// <param name="City">The city of the postal code, when market data knows it.</param>
public sealed record OrderLocation(bool NeedsStreet, IReadOnlyList<MarketStreet> Streets, string? City)
{
    /// <summary>Nothing known (no market data, outage, unknown postal code): the funnel goes on without asking.</summary>
    public static OrderLocation Unknown { get; } = new(false, [], null);
}

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

    /// <summary>Savings against the default supply (Grundversorgung) at the same consumption; null without market data.</summary>
    public Savings? SavingsAgainstDefaultSupply { get; init; }

    /// <summary>True when <see cref="Cost"/> is the tariff calculator's breakdown with the location's grid fees, metering,
    /// concession fee, levies and taxes from market data (the totals are the same as without them: our prices are all-inclusive).</summary>
    public bool HasMarketBreakdown => Cost.Lines.Any(l => l.Kind is CostLineKind.Grid or CostLineKind.Statutory);
}

/// <summary>The result: the consumption used and the tariffs, cheapest first-year cost first.</summary>
public sealed record OrderableTariffs(string PostalCode, int AnnualKwh, IReadOnlyList<OrderableTariff> Tariffs)
{
    /// <summary>Name of the default supplier the savings are computed against; null without market data.</summary>
    public string? DefaultSupplier { get; init; }

    /// <summary>Market data could not decide the grid area (the postal code spans several and the street did not decide it):
    /// the tariffs are priced without the location's components and without savings.</summary>
    public bool NeedsStreet { get; init; }

    /// <summary>Street choices when <see cref="NeedsStreet"/>.</summary>
    public IReadOnlyList<MarketStreet> Streets { get; init; } = [];
}

/// <summary>First step of the order funnel: the brand's active tariffs of the commodity and customer type that have a
/// price list valid on the date in the delivery area containing the postal code, each priced with
/// <see cref="TariffCostCalculator"/> in all-inclusive mode (our prices contain everything; only VAT is added:
/// 19 % in Germany, 20 % for Austrian 4-digit postal codes).
/// <para>With market data (<see cref="CompareAsync"/>, <see cref="LocateAsync"/>) the same tariffs are enriched from the
/// tariff calculator (<see cref="CalculateTariffs"/>): the breakdown into energy share, grid fees, metering, concession fee,
/// levies, taxes and VAT, and the savings against the default supply. One pricing path: the first-year cost is the
/// calculator's. Market data that cannot be had (no provider, outage, a provider slower than <see cref="MarketDataWait"/>)
/// is logged and leaves the tariffs exactly as without market data.</para></summary>
/// <param name="db">The brand-bound context.</param>
/// <param name="calculator">The tariff calculator; null = no market data (prices as the price lists say, VAT only).</param>
/// <param name="marketData">Market data for <see cref="LocateAsync"/>; null = no market data.</param>
/// <param name="logger">Where market data problems are logged (the customer never sees them).</param>
public sealed class FindOrderableTariffs(JoulesDbContext db, CalculateTariffs? calculator = null, MarketDataService? marketData = null,
    ILogger<FindOrderableTariffs>? logger = null)
{
    private readonly ILogger _log = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Largest annual consumption accepted in the funnel (households and small businesses).</summary>
    public const int MaxAnnualKwh = 100_000;

    /// <summary>Default of <see cref="MarketDataWait"/>: the market data client's default timeout of one attempt.</summary>
    public static readonly TimeSpan DefaultMarketDataWait = TimeSpan.FromSeconds(10);

    /// <summary>How long one market data question (locating the address, or the whole comparison) may take before the
    /// funnel goes on without it.</summary>
    public TimeSpan MarketDataWait { get; init; } = DefaultMarketDataWait;

    /// <summary>Asks market data which grid areas the query's address lies in. Never throws for market data problems:
    /// without an answer (no provider, outage, slow provider, unknown postal code, Austrian postal code) the result is
    /// <see cref="OrderLocation.Unknown"/> and the problem is logged.</summary>
    /// <exception cref="DomainException">Invalid postal code (field <c>PostalCode</c>).</exception>
    public async Task<OrderLocation> LocateAsync(OrderableTariffQuery query, CancellationToken ct = default)
    {
        var postalCode = CheckPostalCode(query.PostalCode);
        if (marketData is null || postalCode.Length != 5) return OrderLocation.Unknown;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(MarketDataWait);
        try
        {
            var location = await marketData.LocateAsync(query.BrandId, new LocationQuery(postalCode, MarketCommodityOf(query.Commodity),
                Blank(query.Street), Blank(query.HouseNumber)) { Date = query.Date }, wait.Token);
            var streets = location.Ambiguous
                ? location.Candidates.SelectMany(c => c.Streets).DistinctBy(s => (s.Name, s.HouseNumberFrom)).OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList()
                : [];
            return new OrderLocation(location.Ambiguous, streets, string.IsNullOrWhiteSpace(location.City) ? null : location.City);
        }
        catch (Exception e) when (e is MarketDataUnavailableException or MarketDataNotFoundException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            LogNoLocation(postalCode, e.Message);
            return OrderLocation.Unknown;
        }
    }

    /// <summary><see cref="RunAsync"/>, enriched from the tariff calculator with the location's breakdown and the savings
    /// against the default supply. Market data problems are logged; the tariffs then come out exactly as from
    /// <see cref="RunAsync"/>.</summary>
    /// <exception cref="DomainException">As <see cref="RunAsync"/>.</exception>
    public async Task<OrderableTariffs> CompareAsync(OrderableTariffQuery query, CancellationToken ct = default)
    {
        var ours = await RunAsync(query, ct);
        if (calculator is null)
        {
            LogNoComparison(ours.PostalCode, "no market data configured");
            return ours;
        }
        if (ours.Tariffs.Count == 0) return ours;

        TariffCalculation calculation;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            wait.CancelAfter(MarketDataWait);
            try
            {
                calculation = await calculator.RunAsync(new TariffCalculationRequest(query.BrandId, query.Commodity, query.CustomerType, ours.PostalCode,
                    ours.AnnualKwh, Blank(query.Street), Blank(query.HouseNumber), query.Date, Usage: UsageOf(query)), wait.Token);
            }
            catch (Exception e) when (e is MarketDataUnavailableException or MarketDataNotFoundException or DomainException
                                          || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                LogNoComparison(ours.PostalCode, e.Message);
                return ours;
            }
        }
        foreach (var problem in calculation.MarketDataProblems) LogMarketDataProblem(ours.PostalCode, problem);
        if (calculation.NeedsStreet) return ours with { NeedsStreet = true, Streets = calculation.Streets };
        if (calculation.GridArea is null) return ours;

        var enriched = ours.Tariffs.Select(t =>
        {
            var calculated = calculation.Tariffs.FirstOrDefault(c => c.TariffId == t.TariffId && c.PriceListId == t.PriceListId);
            return calculated is null ? t : t with { Cost = calculated.Breakdown, SavingsAgainstDefaultSupply = calculated.SavingsAgainstDefaultSupply };
        });
        return ours with
        {
            Tariffs = enriched.OrderBy(t => t.FirstYearGross).ThenBy(t => t.Name, StringComparer.CurrentCulture).ToList(),
            DefaultSupplier = calculation.DefaultSupply is null ? null : calculation.DefaultSupplier,
        };
    }

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

        var usage = UsageOf(query);
        var tariffs = await db.Tariffs.AsNoTracking().Include(t => t.PriceLists)
            .Where(t => t.BrandId == query.BrandId && t.IsActive && t.Commodity == query.Commodity && t.CustomerType == query.CustomerType
                && t.Usage == usage)
            .ToListAsync(ct);
        var location = LocationCharges.VatOnly(VatPercentFor(postalCode));
        var result = new List<OrderableTariff>();
        foreach (var tariff in tariffs)
        {
            var list = tariff.PriceListOn(areaIds, query.Date);
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

    private static TariffUsage UsageOf(OrderableTariffQuery query) => query.Commodity == Commodity.Electricity ? query.Usage : TariffUsage.General;

    /// <summary>VAT rate of the country of the postal code: 20 % for Austria (4 digits), else 19 %.</summary>
    public static decimal VatPercentFor(string postalCode) => postalCode.Length == 4 ? 20m : 19m;

    private static MarketCommodity MarketCommodityOf(Commodity commodity) => commodity == Commodity.Gas ? MarketCommodity.Gas : MarketCommodity.Power;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static readonly Action<ILogger, string, string, Exception?> NoLocation = LoggerMessage.Define<string, string>(LogLevel.Warning,
        new EventId(1, "OrderFunnelNoLocation"), "Order funnel: no market data location for postal code {PostalCode}: {Reason}");

    private static readonly Action<ILogger, string, string, Exception?> NoComparison = LoggerMessage.Define<string, string>(LogLevel.Warning,
        new EventId(2, "OrderFunnelNoComparison"), "Order funnel: tariffs for postal code {PostalCode} offered without market data comparison: {Reason}");

    private static readonly Action<ILogger, string, string, Exception?> MarketDataProblem = LoggerMessage.Define<string, string>(LogLevel.Warning,
        new EventId(3, "OrderFunnelMarketDataProblem"), "Order funnel: market data problem for postal code {PostalCode}: {Problem}");

    private void LogNoLocation(string postalCode, string reason) => NoLocation(_log, postalCode, reason, null);

    private void LogNoComparison(string postalCode, string reason) => NoComparison(_log, postalCode, reason, null);

    private void LogMarketDataProblem(string postalCode, string problem) => MarketDataProblem(_log, postalCode, problem, null);

    internal static Task<List<Guid>> AreasOfAsync(JoulesDbContext db, Guid brandId, string postalCode, CancellationToken ct) =>
        db.DeliveryAreaPostalCodes.AsNoTracking().Where(p => p.BrandId == brandId && p.PostalCode == postalCode)
            .Select(p => p.DeliveryAreaId).Distinct().ToListAsync(ct);
}
