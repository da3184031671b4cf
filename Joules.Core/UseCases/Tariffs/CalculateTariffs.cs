using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.MarketData;
using Joules.Core.Pricing;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using PricingBonus = Joules.Core.Pricing.NewCustomerBonus;

namespace Joules.Core.UseCases.Tariffs;

/// <summary>The tariff calculator (DAT-5, DAT-7): prices the brand's tariffs for one address and consumption with every
/// component from market data — grid fees, metering, concession fee, levies, electricity or energy tax, VAT — and
/// compares them with the default supply and the competitors at the same consumption, the way comparison portals rank
/// (first-year cost). Our prices are all-inclusive per delivery area; the breakdown shows the supplier's energy share as
/// the remainder. Market data that cannot be had is reported in <see cref="TariffCalculation.MarketDataProblems"/>
/// and never guessed: our prices still come out, without the missing parts.</summary>
public sealed class CalculateTariffs(JoulesDbContext db, MarketDataService marketData, BrandConfigurationCache cache, TimeProvider time)
{
    /// <summary>Calculates <paramref name="request"/>.</summary>
    /// <exception cref="DomainException">The brand does not supply the postal code, offers no tariff for it, or the
    /// consumption is invalid (the message names the field).</exception>
    public async Task<TariffCalculation> RunAsync(TariffCalculationRequest request, CancellationToken ct = default)
    {
        var postalCode = (request.PostalCode ?? "").Trim();
        if (postalCode.Length is not (4 or 5) || !postalCode.All(char.IsAsciiDigit))
            throw new DomainException(CoreText.Get("Calculator.PostalCodeInvalid"), nameof(request.PostalCode));
        var date = request.Date ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var ours = await OurPricesAsync(request, postalCode, date, ct);
        var consumption = new Consumption(request.Commodity, request.AnnualKwh, request.PeakLoadKw);

        var problems = new List<string>();
        var sources = new List<MarketDataSource>();
        var commodity = request.Commodity == Commodity.Gas ? MarketCommodity.Gas : MarketCommodity.Power;
        var location = await TryAsync(() => marketData.LocateAsync(request.BrandId,
            new LocationQuery(postalCode, commodity, request.Street, request.HouseNumber) { Date = date }, ct), sources, problems);
        if (location is { Ambiguous: true })
        {
            var streets = location.Candidates.SelectMany(c => c.Streets).DistinctBy(s => (s.Name, s.HouseNumberFrom)).OrderBy(s => s.Name).ToList();
            return new TariffCalculation(true, streets, null, Price(ours, LocationCharges.VatOnly(Orders.FindOrderableTariffs.VatPercentFor(postalCode)), consumption, [], null, request.RankWithBonuses),
                null, null, [], sources, problems);
        }
        var area = location?.Candidates.FirstOrDefault();
        GridFeeSheet? fees = null;
        LevySheet? levies = null;
        DefaultSupplyTariff? defaultSupply = null;
        CompetitorTariffList? competitors = null;
        var heating = request.Usage != TariffUsage.General;
        if (area is not null)
        {
            var metering = request.PeakLoadKw is null ? MarketMetering.Slp : MarketMetering.Rlm;
            fees = await TryAsync(() => marketData.GridFeesAsync(request.BrandId, new GridFeeQuery(area.GridAreaId, commodity, metering, postalCode) { Date = date }, ct), sources, problems);
            levies = await TryAsync(() => marketData.LeviesAsync(request.BrandId, new LevyQuery(commodity) { Date = date }, ct), sources, problems);
            if (!heating)
            {
                defaultSupply = await TryAsync(() => marketData.DefaultSupplyAsync(request.BrandId, new DefaultSupplyQuery(area.GridAreaId, commodity) { Date = date }, ct), sources, problems);
                competitors = await TryAsync(() => marketData.CompetitorsAsync(request.BrandId, new CompetitorQuery(area.GridAreaId, commodity,
                    request.CustomerType == CustomerType.Business ? MarketCustomerType.Business : MarketCustomerType.Household) { Date = date }, ct), sources, problems);
            }
        }
        if (heating && fees is { ControllableDevices: null } && request.PeakLoadKw is null)
            problems.Add(CoreText.Format("Calculator.NoControllableDeviceFees", fees.GridOperator.Name));

        var charges = Charges(fees, levies, request.PeakLoadKw is not null, postalCode, request.Usage);
        var defaultCost = defaultSupply is null ? null
            : TariffCostCalculator.Calculate(TariffPrices.Flat(PricingMode.AllInclusive, defaultSupply.BasePriceEurPerYear, defaultSupply.WorkingPriceCtPerKwh), charges, consumption);
        var rivals = (competitors?.Tariffs ?? []).Select(c => Competitor(c, charges, consumption)).OfType<CalculatedCompetitor>()
            .OrderBy(c => c.Breakdown.RankingCost(request.RankWithBonuses)).ToList();
        return new TariffCalculation(false, [], area, Price(ours, charges, consumption, rivals, defaultCost, request.RankWithBonuses),
            defaultCost, defaultSupply?.Supplier.Name, rivals, sources, problems);
    }

    private sealed record OurPrice(Tariff Tariff, PriceList Prices);

    /// <summary>The brand's offer at a postal code for one commodity and customer type: whether it supplies the code, its
    /// active tariffs and every version of their price lists in the code's delivery areas (the version valid on the
    /// calculation date is picked per call). Kept in <see cref="BrandConfigurationCache"/>; shared, never modified.</summary>
    private sealed record Offer(bool Supplied, IReadOnlyList<Tariff> Tariffs, IReadOnlyDictionary<Guid, PriceList[]> PriceLists);

    private async Task<IReadOnlyList<OurPrice>> OurPricesAsync(TariffCalculationRequest request, string postalCode, DateOnly date, CancellationToken ct)
    {
        var offer = await cache.GetAsync($"tariffs.offer|{postalCode}|{request.Commodity}|{request.CustomerType}|{request.Usage}", request.BrandId,
            c => LoadOfferAsync(request, postalCode, c), ct);
        if (!offer.Supplied) throw new DomainException(CoreText.Format("Calculator.NotSupplied", postalCode), nameof(request.PostalCode));
        var result = new List<OurPrice>(offer.Tariffs.Count);
        foreach (var tariff in offer.Tariffs)
            if (PriceList.CurrentOf(offer.PriceLists.GetValueOrDefault(tariff.Id, []), date) is { } current)
                result.Add(new OurPrice(tariff, current));
        if (result.Count == 0) throw new DomainException(CoreText.Format("Calculator.NoTariff", postalCode), nameof(request.PostalCode));
        return result;
    }

    private async Task<Offer> LoadOfferAsync(TariffCalculationRequest request, string postalCode, CancellationToken ct)
    {
        var brandId = request.BrandId;
        var areaIds = await Orders.FindOrderableTariffs.AreasOfAsync(db, brandId, postalCode, ct);
        if (areaIds.Count == 0) return new Offer(false, [], new Dictionary<Guid, PriceList[]>());
        var tariffs = await db.Tariffs.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.BrandId == brandId && t.IsActive && t.Commodity == request.Commodity && t.CustomerType == request.CustomerType
                && t.Usage == request.Usage)
            .ToListAsync(ct);
        var tariffIds = tariffs.Select(t => t.Id).ToList();
        var prices = await db.PriceLists.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.BrandId == brandId && tariffIds.Contains(p.TariffId) && areaIds.Contains(p.DeliveryAreaId))
            .ToListAsync(ct);
        return new Offer(true, tariffs, prices.GroupBy(p => p.TariffId).ToDictionary(g => g.Key, g => g.ToArray()));
    }

    private static IReadOnlyList<CalculatedTariff> Price(IReadOnlyList<OurPrice> ours, LocationCharges charges, Consumption consumption,
        IReadOnlyList<CalculatedCompetitor> rivals, CostBreakdown? defaultSupply, bool rankWithBonuses) =>
        ours.Select(o =>
        {
            var cost = TariffCostCalculator.Calculate(TariffPrices.AllInclusive(o.Prices), charges, consumption);
            int? rank = rivals.Count == 0 ? null : TariffComparison.Rank(cost, rivals.Select(r => r.Breakdown), rankWithBonuses);
            var savings = defaultSupply is null ? null : TariffComparison.SavingsAgainst(cost, defaultSupply);
            return new CalculatedTariff(o.Tariff.Id, o.Tariff.Code, o.Tariff.Name, o.Tariff.MinimumTermMonths, o.Tariff.PriceGuaranteeMonths,
                o.Prices.Id, cost, rank, savings);
        }).OrderBy(t => t.Breakdown.FirstYear.Gross).ToList();

    /// <summary>The location's components; without grid fees or levies only the VAT rate (the breakdown then shows no
    /// components rather than guessed ones; without levies the rate of the postal code's country). RLM supply points pay
    /// the concession fee of special contracts.</summary>
    /// A separately metered heat pump or night storage heating pays the module 2 grid working price of § 14a EnWG where the
    /// sheet has one, night storage the off-peak concession fee.
    internal static LocationCharges Charges(GridFeeSheet? fees, LevySheet? levies, bool rlm, string postalCode, TariffUsage usage = TariffUsage.General)
    {
        if (fees is null || levies is null) return LocationCharges.VatOnly(levies?.VatPercent ?? Orders.FindOrderableTariffs.VatPercentFor(postalCode));
        var bands = fees.Bands.OrderBy(b => b.FromHours).ToList();
        return new LocationCharges
        {
            GridWorkingPriceCtPerKwh = usage != TariffUsage.General && !rlm && fees.ControllableDevices is { } device
                ? device.Module2WorkingPriceCtPerKwh
                : fees.WorkingPriceCtPerKwh ?? 0m,
            GridBasePricePerYear = fees.BasePriceEurPerYear ?? 0m,
            MeteringPerYear = fees.MeteringEurPerYear,
            ConcessionFeeCtPerKwh = rlm ? fees.ConcessionFeeSpecialCtPerKwh
                : usage == TariffUsage.NightStorage && fees.ConcessionFeeOffPeakCtPerKwh is { } offPeak ? offPeak
                : fees.ConcessionFeeCtPerKwh,
            Levies = levies.Levies.Select(l => new Levy(l.Code, l.Name, l.CtPerKwh)).ToList(),
            EnergyTaxCtPerKwh = levies.Tax.CtPerKwh,
            VatPercent = levies.VatPercent,
            Rlm = bands.Count == 0 ? null
                : new RlmGridPrices(bands[0].CapacityPriceEurPerKwYear, bands[0].WorkingPriceCtPerKwh, bands[^1].CapacityPriceEurPerKwYear, bands[^1].WorkingPriceCtPerKwh),
        };
    }

    private static CalculatedCompetitor? Competitor(CompetitorTariff c, LocationCharges charges, Consumption consumption)
    {
        var bonus = c.NewCustomerBonus switch
        {
            { Kind: "fixed", AmountEur: { } amount } => PricingBonus.Fixed(amount),
            { Kind: "percent", Percent: { } percent } => PricingBonus.Percent(percent),
            _ => null,
        };
        var prices = TariffPrices.Flat(PricingMode.AllInclusive, c.BasePriceEurPerYear, c.WorkingPriceCtPerKwh) with
        {
            NewCustomerBonus = bonus, InstantBonus = c.InstantBonusEur ?? 0m,
        };
        try
        {
            return new CalculatedCompetitor(c.Provider.Name, c.TariffName, TariffCostCalculator.Calculate(prices, charges, consumption),
                c.PriceGuaranteeMonths, c.MinimumTermMonths);
        }
        catch (DomainException)
        {
            return null; // A competitor's data the engine refuses (e.g. a bonus over 100 %) is left out of the ranking.
        }
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T>> call, List<MarketDataSource> sources, List<string> problems) where T : class, IMarketDataAnswer
    {
        try
        {
            var answer = await call();
            sources.Add(answer.Source);
            if (answer.Source.Stale && answer.Source.StaleReason is { } reason) problems.Add(reason);
            return answer;
        }
        catch (MarketDataUnavailableException e) { problems.Add(e.Message); }
        catch (MarketDataNotFoundException e) { problems.Add(e.Message); }
        return null;
    }
}
