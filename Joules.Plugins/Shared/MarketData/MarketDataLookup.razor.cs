using Joules.Core.MarketData;
using Microsoft.AspNetCore.Components;

namespace Joules.Plugins.MarketData.Shared;

/// <summary>Looks up a postal code through <see cref="MarketDataService"/> (the brand's providers in order, the store,
/// stale answers): the grid area(s), and for a single area its SLP grid fees, the levies and the default supply. When the
/// postal code lies in several areas the street list is shown and street and house number are asked for.</summary>
public partial class MarketDataLookup
{
    [Inject] private MarketDataService Market { get; set; } = null!;

    /// <summary>The brand whose providers are asked.</summary>
    [Parameter, EditorRequired] public Guid BrandId { get; set; }

    private MarketCommodity _commodity = MarketCommodity.Power;
    private string? _postalCode;
    private string? _street;
    private string? _houseNumber;
    private bool _askStreet;
    private bool _running;
    private string? _error;
    private MarketLocation? _location;
    private GridAreaCandidate? _area;
    private GridFeeSheet? _gridFees;
    private LevySheet? _levies;
    private DefaultSupplyTariff? _defaultSupply;
    private readonly List<string> _problems = [];

    private async Task LookUpAsync()
    {
        _running = true;
        (_error, _location, _area, _gridFees, _levies, _defaultSupply) = (null, null, null, null, null, null);
        _problems.Clear();
        try
        {
            var postalCode = _postalCode?.Trim() ?? "";
            _location = await Market.LocateAsync(BrandId, new LocationQuery(postalCode, _commodity, _street, _houseNumber));
            if (_location.Ambiguous)
            {
                _askStreet = true;
                return;
            }
            _area = _location.Candidates[0];
            _gridFees = await TryAsync(() => Market.GridFeesAsync(BrandId, new GridFeeQuery(_area.GridAreaId, _commodity, MarketMetering.Slp, postalCode)));
            _levies = await TryAsync(() => Market.LeviesAsync(BrandId, new LevyQuery(_commodity)));
            _defaultSupply = await TryAsync(() => Market.DefaultSupplyAsync(BrandId, new DefaultSupplyQuery(_area.GridAreaId, _commodity)));
        }
        catch (Exception e) when (e is MarketDataUnavailableException or MarketDataNotFoundException)
        {
            _error = e.Message;
        }
        finally
        {
            _running = false;
        }
    }

    private async Task<T?> TryAsync<T>(Func<Task<T>> call) where T : class
    {
        try { return await call(); }
        catch (Exception e) when (e is MarketDataUnavailableException or MarketDataNotFoundException)
        {
            _problems.Add(e.Message);
            return null;
        }
    }

    private string StreetText(MarketStreet street) => street switch
    {
        { HouseNumberFrom: { } from, HouseNumberTo: { } to } => L["StreetRange", street.Name, from, to],
        { HouseNumberFrom: { } from } => L["StreetFrom", street.Name, from],
        _ => street.Name,
    };

    private static string Ct(decimal? value) => value is { } v ? $"{v:0.00##} ct/kWh" : "–";

    private static string Eur(decimal? value) => value is { } v ? $"{v:N2} €/a" : "–";
}
