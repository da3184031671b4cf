using System.Globalization;
using System.Text;

namespace Joules.Simulators.MarketData;

/// <summary>The simulated market data set: postal codes with cities and concession classes, grid operators and grid areas per
/// commodity (some postal codes span two or three areas, disambiguated by street), grid fees, default supply and competitor
/// tariffs for 2025 and 2026, and the statutory levies (domain research §2.4–§2.6). Generated in code from a fixed seed, so every
/// run has the same data; no downloads. Cities are real, every company, tariff and other place name is fictional.</summary>
internal sealed class MarketDataSet
{
    /// <summary>The seed of <see cref="Shared"/>.</summary>
    public const ulong DefaultSeed = 2025_10_15;

    /// <summary>The calendar years the set has data for.</summary>
    public const int FirstYear = 2025, LastYear = 2026;

    /// <summary>Value of the KAV population classes 1–4 for tariff customers, power (ct/kWh).</summary>
    public static readonly decimal[] PowerConcessionFees = [1.32m, 1.59m, 1.99m, 2.39m];

    /// <summary>Value of the KAV population classes 1–4 for tariff customers, gas (ct/kWh).</summary>
    public static readonly decimal[] GasConcessionFees = [0.22m, 0.27m, 0.33m, 0.40m];

    /// <summary>Special contract customers (Sondervertragskunden): power 0.11, gas 0.03 ct/kWh.</summary>
    public const decimal PowerConcessionFeeSpecial = 0.11m, GasConcessionFeeSpecial = 0.03m;

    /// <summary>German names of the concession classes 1–4.</summary>
    public static readonly string[] ConcessionClassNames =
        ["bis 25.000 Einwohner", "bis 100.000 Einwohner", "bis 500.000 Einwohner", "über 500.000 Einwohner"];

    /// <summary>VAT (Umsatzsteuer) in percent.</summary>
    public const decimal VatPercent = 19m;

    private static readonly Lazy<MarketDataSet> SharedSet = new(() => Generate(DefaultSeed));

    private readonly Dictionary<int, PostalCodeEntry> _byNumber;
    private readonly Dictionary<string, GridArea> _byId;

    private MarketDataSet(ulong seed, List<PostalCodeEntry> postalCodes, List<GridArea> areas)
    {
        Seed = seed;
        PostalCodes = postalCodes;
        GridAreas = areas;
        _byNumber = postalCodes.ToDictionary(p => p.Number);
        _byId = areas.ToDictionary(a => a.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The data set of the simulator, generated on first use and kept in memory.</summary>
    public static MarketDataSet Shared => SharedSet.Value;

    /// <summary>The seed the set was generated from.</summary>
    public ulong Seed { get; }

    /// <summary>All postal codes, ascending.</summary>
    public IReadOnlyList<PostalCodeEntry> PostalCodes { get; }

    /// <summary>All grid areas, power first, in id order.</summary>
    public IReadOnlyList<GridArea> GridAreas { get; }

    /// <summary>Number of postal codes.</summary>
    public int PostalCodeCount => PostalCodes.Count;

    /// <summary>The postal code <paramref name="number"/> (e.g. 10115), or null.</summary>
    public PostalCodeEntry? FindPostalCode(int number) => _byNumber.GetValueOrDefault(number);

    /// <summary>The grid area with <paramref name="id"/> (case-insensitive), or null.</summary>
    public GridArea? FindArea(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Generates a data set from <paramref name="seed"/>; the same seed always gives the same set.</summary>
    public static MarketDataSet Generate(ulong seed) => new Builder(seed).Build();

    /// <summary>The concession fee (ct/kWh) of a tariff customer in <paramref name="concessionClass"/> (1–4).</summary>
    public static decimal ConcessionFee(Commodity commodity, int concessionClass) =>
        (commodity == Commodity.Power ? PowerConcessionFees : GasConcessionFees)[concessionClass - 1];

    /// <summary>The concession fee (ct/kWh) of a special contract customer.</summary>
    public static decimal ConcessionFeeSpecial(Commodity commodity) =>
        commodity == Commodity.Power ? PowerConcessionFeeSpecial : GasConcessionFeeSpecial;

    /// <summary>The concession fee (ct/kWh) of off-peak power (Schwachlaststrom, KAV § 2 Abs. 2 Nr. 1 a), e.g. night storage heating.</summary>
    public const decimal ConcessionFeeOffPeak = 0.61m;

    /// <summary>Whether the set has data for the calendar year of <paramref name="date"/>.</summary>
    public static bool Covers(DateOnly date) => date.Year is >= FirstYear and <= LastYear;

    /// <summary>The levies valid on <paramref name="date"/>, or null outside the covered years.</summary>
    public static LevySheet? Levies(Commodity commodity, DateOnly date) =>
        Covers(date) ? LevySheets[(int)commodity][date.Year - FirstYear] : null;

    private static readonly LevySheet[][] LevySheets =
    [
        [
            new(2025, Commodity.Power,
                [
                    new("KWKG", "KWKG-Umlage", 0.277m),
                    new("OFFSHORE", "Offshore-Netzumlage", 0.816m),
                    new("BESONDERE_NETZNUTZUNG", "Aufschlag für besondere Netznutzung (ehem. § 19 StromNEV-Umlage)", 1.558m),
                    new("EEG", "EEG-Umlage", 0m),
                ],
                new("STROMSTEUER", "Stromsteuer", 2.05m), VatPercent),
            new(2026, Commodity.Power,
                [
                    new("KWKG", "KWKG-Umlage", 0.446m),
                    new("OFFSHORE", "Offshore-Netzumlage", 0.941m),
                    new("BESONDERE_NETZNUTZUNG", "Aufschlag für besondere Netznutzung (ehem. § 19 StromNEV-Umlage)", 1.559m),
                    new("EEG", "EEG-Umlage", 0m),
                ],
                new("STROMSTEUER", "Stromsteuer", 2.05m), VatPercent),
        ],
        [
            new(2025, Commodity.Gas,
                [
                    new("CO2_PREIS", "CO₂-Preis (BEHG, 55 €/t)", 0.998m),
                    new("GASSPEICHERUMLAGE", "Gasspeicherumlage", 0.289m),
                    new("BILANZIERUNGSUMLAGE", "Bilanzierungsumlage", 0m),
                ],
                new("ENERGIESTEUER", "Energiesteuer", 0.55m), VatPercent),
            new(2026, Commodity.Gas,
                [
                    new("CO2_PREIS", "CO₂-Preis (BEHG, Preiskorridor 55–65 €/t, simuliert 65 €/t)", 1.179m),
                    new("GASSPEICHERUMLAGE", "Gasspeicherumlage (entfällt ab 01.01.2026)", 0m),
                    new("BILANZIERUNGSUMLAGE", "Bilanzierungsumlage", 0m),
                ],
                new("ENERGIESTEUER", "Energiesteuer", 0.55m), VatPercent),
        ],
    ];

    /// <summary>The normalised form of a street name used for matching: lower case, ä/ö/ü/ß spelled out, "str." = "straße",
    /// only letters and digits.</summary>
    public static string StreetKey(ReadOnlySpan<char> street)
    {
        var t = street.Trim();
        var sb = new StringBuilder(t.Length + 8);
        foreach (var ch in t)
        {
            var c = char.ToLowerInvariant(ch);
            switch (c)
            {
                case 'ä': sb.Append("ae"); break;
                case 'ö': sb.Append("oe"); break;
                case 'ü': sb.Append("ue"); break;
                case 'ß': sb.Append("ss"); break;
                default:
                    if (char.IsLetterOrDigit(c)) sb.Append(c);
                    break;
            }
        }
        if (sb.Length >= 3 && sb.ToString(sb.Length - 3, 3) == "str") sb.Append("asse");
        return sb.ToString();
    }

    /// <summary>Builds one data set; every random choice comes from a generator seeded for its part, so the parts stay stable.</summary>
    private sealed class Builder(ulong seed)
    {
        private readonly List<PostalCodeEntry> _codes = [];
        private readonly List<GridArea> _areas = [];
        private readonly Dictionary<int, (GridArea Power, GridArea Gas)> _regional = [];
        private readonly Dictionary<string, GridArea> _cityAreas = [];
        private readonly HashSet<string> _partyCodes = [];
        private readonly SeededRandom _partyRng = SeededRandom.For(seed, "parties");
        private readonly List<(int From, int To)> _cityRanges = MarketDataNames.Cities.Select(c => (c.From, c.To)).ToList();
        private int _powerSeq, _gasSeq;

        public MarketDataSet Build()
        {
            var rural = new List<PostalCodeEntry>();
            for (var prefix = 1; prefix <= 99; prefix++)
                if (!MarketDataNames.UnusedRegions.Contains(prefix)) rural.AddRange(Region(prefix));
            for (var i = 0; i < MarketDataNames.Cities.Length; i++) City(i, MarketDataNames.Cities[i]);
            Borders(rural);
            FixedTestLocations();
            KnownPlaces();
            _codes.Sort((a, b) => a.Number.CompareTo(b.Number));
            foreach (var code in _codes)
                if (code.Streets.Length == 0 && (code.Power.Count > 1 || code.Gas.Count > 1)) Streets(code);
            var providers = Providers();
            for (var i = 0; i < _areas.Count; i++) Prices(i, _areas[i], providers);
            var ordered = _areas.OrderBy(a => a.Commodity).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
            return new MarketDataSet(seed, _codes, ordered);
        }

        private MarketParty Party(string name, bool gasOnly = false)
        {
            while (true)
            {
                var code = (gasOnly ? "98" : "99") + _partyRng.Int(0, 99_999).ToString("00000", CultureInfo.InvariantCulture)
                    + _partyRng.Int(0, 999_999).ToString("000000", CultureInfo.InvariantCulture);
                if (_partyCodes.Add(code)) return new MarketParty(code, name);
            }
        }

        private GridArea Area(string place, Commodity commodity, MarketParty gridOperator, MarketParty supplier)
        {
            var area = commodity == Commodity.Power
                ? new GridArea($"STR-{++_powerSeq:0000}", place + " Strom", commodity, gridOperator, supplier)
                : new GridArea($"GAS-{++_gasSeq:0000}", place + " Gas", commodity, gridOperator, supplier);
            _areas.Add(area);
            return area;
        }

        /// <summary>The regional operator's areas of the leading two digits, created on first use.</summary>
        private (GridArea Power, GridArea Gas) Regional(int prefix)
        {
            if (_regional.TryGetValue(prefix, out var known)) return known;
            var rng = SeededRandom.For(seed, "regional", prefix);
            var landscapes = MarketDataNames.Landscapes;
            var landscape = landscapes[(prefix - 1) % landscapes.Length] + (prefix - 1 >= landscapes.Length ? " Süd" : "");
            var op = Party(string.Format(CultureInfo.InvariantCulture, rng.Pick(MarketDataNames.RegionalOperatorForms), landscape));
            var supplier = Party(string.Format(CultureInfo.InvariantCulture, rng.Pick(MarketDataNames.RegionalSupplierForms), landscape));
            var gasOp = rng.Chance(50) ? op
                : Party(string.Format(CultureInfo.InvariantCulture, rng.Pick(MarketDataNames.RegionalGasOperatorForms), landscape), gasOnly: true);
            var areas = (Area(landscape, Commodity.Power, op, supplier), Area(landscape, Commodity.Gas, gasOp, supplier));
            _regional[prefix] = areas;
            return areas;
        }

        private PostalCodeEntry Add(int number, string city, int concessionClass, GridArea power, GridArea gas)
        {
            var entry = new PostalCodeEntry(number, city, concessionClass);
            Assign(entry, [power], [gas]);
            _codes.Add(entry);
            return entry;
        }

        private static void Assign(PostalCodeEntry entry, List<GridArea> power, List<GridArea> gas)
        {
            foreach (var a in entry.Power.Concat(entry.Gas)) a.PostalCodes.Remove(entry);
            entry.Power = power;
            entry.Gas = gas;
            foreach (var a in power.Concat(gas)) a.PostalCodes.Add(entry);
        }

        /// <summary>About 90 rural codes of one region (never …999, so 99999 stays unknown), grouped into towns of one to six codes; larger towns may run their own
        /// municipal utility (Stadtwerke) grid areas, the rest belongs to the regional operator.</summary>
        private List<PostalCodeEntry> Region(int prefix)
        {
            var rng = SeededRandom.For(seed, "region", prefix);
            var numbers = new List<int>();
            for (var n = prefix * 1000 + rng.Int(1, 12); n < prefix * 1000 + 999; n += rng.Int(4, 18))
                if (!_cityRanges.Any(r => n >= r.From && n <= r.To)) numbers.Add(n);
            var result = new List<PostalCodeEntry>();
            for (var i = 0; i < numbers.Count;)
            {
                var roll = rng.Int(0, 99);
                var size = roll < 55 ? 1 : roll < 80 ? 2 : roll < 92 ? 3 : rng.Int(4, 6);
                size = Math.Min(size, numbers.Count - i);
                var town = MarketDataNames.Town(rng);
                var cls = size <= 2 ? (rng.Chance(12) ? 2 : 1) : size == 3 ? (rng.Chance(60) ? 2 : 1) : (rng.Chance(35) ? 3 : 2);
                var (power, gas) = Regional(prefix);
                if (cls >= 2 && rng.Chance(65))
                {
                    var op = Party($"Stadtwerke {town} Netz GmbH");
                    var supplier = Party($"Stadtwerke {town} GmbH");
                    power = Area(town, Commodity.Power, op, supplier);
                    if (rng.Chance(80)) gas = Area(town, Commodity.Gas, op, supplier);
                }
                for (var k = 0; k < size; k++) result.Add(Add(numbers[i + k], town, cls, power, gas));
                i += size;
            }
            return result;
        }

        /// <summary>A large city: its codes spread over its range; over 500,000 inhabitants three power areas (Nord and Mitte of the
        /// city's operator, Süd of a second one) and two gas areas, otherwise the city area and the regional operator's area at the
        /// edge. The codes at each border belong to both neighbouring areas.</summary>
        private void City(int index, BigCity city)
        {
            var rng = SeededRandom.For(seed, "city", index);
            var numbers = city.Numbers();
            var cls = city.Over500k ? 4 : 3;
            var op = Party($"Metronetz {city.Name} GmbH");
            var supplier = Party($"Stadtversorgung {city.Name} AG");
            List<GridArea> powerAreas, gasAreas;
            if (city.Over500k)
            {
                var second = Party($"Quartiernetz {city.Name} AG");
                powerAreas = [Area(city.Name + "-Nord", Commodity.Power, op, supplier), Area(city.Name + "-Mitte", Commodity.Power, op, supplier),
                    Area(city.Name + "-Süd", Commodity.Power, second, supplier)];
                gasAreas = [Area(city.Name + "-Nord", Commodity.Gas, op, supplier), Area(city.Name + "-Süd", Commodity.Gas, second, supplier)];
            }
            else
            {
                powerAreas = [Area(city.Name, Commodity.Power, op, supplier)];
                gasAreas = [Area(city.Name, Commodity.Gas, op, supplier)];
            }
            foreach (var a in powerAreas.Concat(gasAreas)) _cityAreas[a.Name] = a;

            var cityCodes = numbers.Select(n => Add(n, city.Name, cls, powerAreas[0], gasAreas[0])).ToList();
            if (!city.Over500k && city.Codes is not null)
            {
                // Real codes stay in the city's area; the last one also lies in the regional operator's area (decided by street).
                if (_regional.TryGetValue(cityCodes[^1].Number / 1000, out var around))
                    Split(cityCodes, [0, cityCodes.Count], [powerAreas[0], around.Power], Commodity.Power);
                return;
            }
            if (!city.Over500k)
            {
                // The outer quarter belongs to the regional operator of the leading two digits.
                var edge = cityCodes.Count * 3 / 4 + rng.Int(0, 1);
                if (!_regional.TryGetValue(cityCodes[edge].Number / 1000, out var region)) return;
                var umland = region.Power;
                Split(cityCodes, [0, edge], [powerAreas[0], umland], Commodity.Power);
                return;
            }
            var third = cityCodes.Count / 3;
            Split(cityCodes, [0, third, 2 * third + rng.Int(0, 1)], powerAreas, Commodity.Power);
            Split(cityCodes, [0, cityCodes.Count / 2], gasAreas, Commodity.Gas);
        }

        /// <summary>Gives the segments starting at <paramref name="starts"/> their areas; the last code before each border gets both.</summary>
        private static void Split(List<PostalCodeEntry> codes, int[] starts, List<GridArea> areas, Commodity commodity)
        {
            for (var s = 0; s < starts.Length; s++)
            {
                var end = s + 1 < starts.Length ? starts[s + 1] : codes.Count;
                for (var i = starts[s]; i < end; i++)
                {
                    var entry = codes[i];
                    List<GridArea> mine = i == end - 1 && s + 1 < starts.Length ? [areas[s], areas[s + 1]] : [areas[s]];
                    if (commodity == Commodity.Power) Assign(entry, mine, entry.Gas);
                    else Assign(entry, entry.Power, mine);
                }
            }
        }

        /// <summary>About 7 % of the rural codes lie on a border: a second area (a municipal utility's code also belongs to the
        /// regional operator; a regional code also to the neighbouring region's), a fifth of them a third one.</summary>
        private void Borders(List<PostalCodeEntry> rural)
        {
            var rng = SeededRandom.For(seed, "borders");
            // Only regions with rural codes of their own, so no area is left without postal codes.
            var regions = _regional.Keys.Order().ToList();
            foreach (var entry in rural)
            {
                if (!rng.Chance(7)) continue;
                var prefix = entry.Number / 1000;
                var at = regions.IndexOf(prefix);
                var next = regions[Math.Min(at + 1, regions.Count - 1)];
                var previous = regions[Math.Max(at - 1, 0)];
                var own = Regional(prefix);
                var candidates = new List<(GridArea Power, GridArea Gas)> { own, Regional(next == prefix ? previous : next), Regional(previous) };
                var power = new List<GridArea>(entry.Power);
                var gas = new List<GridArea>(entry.Gas);
                var wanted = rng.Chance(20) ? 3 : 2;
                var withGas = rng.Chance(50);
                foreach (var c in candidates)
                {
                    if (power.Count < wanted && !power.Contains(c.Power)) power.Add(c.Power);
                    if (withGas && gas.Count < wanted && !gas.Contains(c.Gas)) gas.Add(c.Gas);
                }
                Assign(entry, power, gas);
            }
        }

        /// <summary>The documented test locations (docs/market-data-wire.md), fixed by hand.</summary>
        private void FixedTestLocations()
        {
            GridArea A(string name) => _cityAreas[name];
            StreetRule S(string street, GridArea power, GridArea gas, int? from = null, int? to = null) =>
                new(street, StreetKey(street), from, to, power, gas);

            // 10115 Berlin: two power areas by street, one gas area.
            var berlin = Find(10115);
            Assign(berlin, [A("Berlin-Mitte Strom"), A("Berlin-Nord Strom")], [A("Berlin-Nord Gas")]);
            var (mitte, nord, gasNord) = (A("Berlin-Mitte Strom"), A("Berlin-Nord Strom"), A("Berlin-Nord Gas"));
            berlin.Streets =
            [
                S("Chausseestraße", mitte, gasNord), S("Invalidenstraße", mitte, gasNord), S("Schlegelstraße", mitte, gasNord),
                S("Torstraße", nord, gasNord), S("Bergstraße", nord, gasNord), S("Borsigstraße", nord, gasNord),
                S("Gartenstraße", mitte, gasNord, 1, 49), S("Gartenstraße", nord, gasNord, 50, null),
            ];

            // 50667 Köln: three power areas and two gas areas by street.
            var koeln = Find(50667);
            var (kn, km, ks, kgn, kgs) = (A("Köln-Nord Strom"), A("Köln-Mitte Strom"), A("Köln-Süd Strom"), A("Köln-Nord Gas"), A("Köln-Süd Gas"));
            Assign(koeln, [kn, km, ks], [kgn, kgs]);
            koeln.Streets =
            [
                S("Hohe Straße", km, kgn), S("Schildergasse", km, kgs), S("Domkloster", kn, kgn),
                S("Komödienstraße", kn, kgn), S("Heumarkt", ks, kgs), S("Alter Markt", ks, kgs),
            ];

            // 80331 München: one power and one gas area.
            var muenchen = Find(80331);
            Assign(muenchen, [A("München-Nord Strom")], [A("München-Nord Gas")]);
            muenchen.Streets = [];
        }

        /// <summary>The real towns of <see cref="MarketDataNames.KnownPlaces"/> in the regional operator's areas of their leading two
        /// digits; a synthetic code with the same number takes the real town's name, class and areas.</summary>
        private void KnownPlaces()
        {
            foreach (var place in MarketDataNames.KnownPlaces)
            {
                var (power, gas) = Regional(place.Number / 1000);
                var entry = _codes.FirstOrDefault(c => c.Number == place.Number);
                if (entry is null)
                {
                    Add(place.Number, place.Town, place.ConcessionClass, power, gas);
                    continue;
                }
                entry.City = place.Town;
                entry.ConcessionClass = place.ConcessionClass;
                entry.Streets = [];
                Assign(entry, [power], [gas]);
            }
        }

        private PostalCodeEntry Find(int number) => _codes.First(c => c.Number == number);

        /// <summary>6–12 streets for a code with several areas, each area of each commodity with at least one street; half of the
        /// codes have a street split by house number.</summary>
        private void Streets(PostalCodeEntry code)
        {
            var rng = SeededRandom.For(seed, "streets", code.Number);
            var pool = MarketDataNames.Streets.ToArray();
            var count = rng.Int(6, 12);
            for (var i = 0; i < count; i++)
            {
                var j = rng.Int(i, pool.Length - 1);
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }
            GridArea Of(List<GridArea> areas, int i) => i < areas.Count ? areas[i] : rng.Pick(areas);
            var rules = new List<StreetRule>();
            for (var i = 0; i < count; i++)
                rules.Add(new StreetRule(pool[i], StreetKey(pool[i]), null, null, Of(code.Power, i), Of(code.Gas, i)));
            if (rng.Chance(50))
            {
                var split = rules[^1];
                var last = rng.Int(20, 80);
                var other = new StreetRule(split.Name, split.Key, last + 1, null,
                    code.Power.FirstOrDefault(a => a != split.Power) ?? split.Power, code.Gas.FirstOrDefault(a => a != split.Gas) ?? split.Gas);
                rules[^1] = split with { HouseNumberFrom = 1, HouseNumberTo = last };
                rules.Add(other);
            }
            code.Streets = [.. rules];
        }

        private List<MarketParty> Providers()
        {
            var rng = SeededRandom.For(seed, "providers");
            var names = new List<string>();
            var seen = new HashSet<string>();
            foreach (var stem in MarketDataNames.ProviderStems)
                if (seen.Add(stem)) names.Add(string.Format(CultureInfo.InvariantCulture, rng.Pick(MarketDataNames.ProviderForms), stem));
            while (names.Count < 75)
            {
                var brand = rng.Pick(MarketDataNames.Stems) + rng.Pick(MarketDataNames.ProviderEndings);
                if (seen.Add(brand)) names.Add(string.Format(CultureInfo.InvariantCulture, rng.Pick(MarketDataNames.ProviderForms), brand));
            }
            return names.Select(n => Party(n)).ToList();
        }

        /// <summary>Grid fees, default supply and competitor tariffs of one area for both years.</summary>
        private void Prices(int index, GridArea area, List<MarketParty> providers)
        {
            var classes = area.PostalCodes.GroupBy(p => p.ConcessionClass).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key);
            area.ConcessionClass = classes.Select(g => g.Key).FirstOrDefault(1);
            var rng = SeededRandom.For(seed, "prices", index);
            var power = area.Commodity == Commodity.Power;

            // Grid fees 2025, then 2026 within ±10 % (clamped to the typical ranges).
            FeeSheet slp, rlm;
            if (power)
            {
                slp = new FeeSheet(2025, Metering.Slp, rng.Decimal(5m, 12m, 2), rng.Chance(10) ? 0m : rng.Decimal(0m, 100m, 2), rng.Decimal(10m, 25m, 2), null);
                var lowAp = rng.Decimal(4m, 8m, 2);
                var lowLp = rng.Decimal(10m, 30m, 2);
                var highAp = rng.Decimal(0.4m, 1.5m, 2);
                rlm = new FeeSheet(2025, Metering.Rlm, null, null, rng.Decimal(300m, 650m, 2),
                    [new RlmBand(0, 2500, lowLp, lowAp), new RlmBand(2500, null, lowLp + 25m * (lowAp - highAp), highAp)]);
            }
            else
            {
                slp = new FeeSheet(2025, Metering.Slp, rng.Decimal(0.8m, 2.5m, 2), rng.Decimal(0m, 150m, 2), rng.Decimal(8m, 25m, 2), null);
                rlm = new FeeSheet(2025, Metering.Rlm, null, null, rng.Decimal(250m, 550m, 2),
                    [new RlmBand(0, null, rng.Decimal(8m, 22m, 2), rng.Decimal(0.2m, 0.9m, 2))]);
            }
            decimal Move(decimal value, decimal min, decimal max) => Math.Clamp(Math.Round(value * rng.Decimal(0.9m, 1.1m, 3), 2), min, max);
            var slp26 = slp with
            {
                Year = 2026,
                WorkingPriceCtPerKwh = power ? Move(slp.WorkingPriceCtPerKwh!.Value, 5m, 12m) : Move(slp.WorkingPriceCtPerKwh!.Value, 0.8m, 2.5m),
                BasePriceEurPerYear = power ? Move(slp.BasePriceEurPerYear!.Value, 0m, 100m) : Move(slp.BasePriceEurPerYear!.Value, 0m, 150m),
                MeteringEurPerYear = Math.Min(slp.MeteringEurPerYear + rng.Decimal(0m, 2m, 2), 25m),
            };
            RlmBand[] bands26;
            if (power)
            {
                var lowAp = Move(rlm.Bands![0].WorkingPriceCtPerKwh, 4m, 8m);
                var lowLp = Move(rlm.Bands[0].CapacityPriceEurPerKwYear, 10m, 30m);
                var highAp = Move(rlm.Bands[1].WorkingPriceCtPerKwh, 0.4m, 1.5m);
                bands26 = [new RlmBand(0, 2500, lowLp, lowAp), new RlmBand(2500, null, lowLp + 25m * (lowAp - highAp), highAp)];
            }
            else
            {
                bands26 = [new RlmBand(0, null, Move(rlm.Bands![0].CapacityPriceEurPerKwYear, 8m, 22m), Move(rlm.Bands[0].WorkingPriceCtPerKwh, 0.2m, 0.9m))];
            }
            var rlm26 = rlm with { Year = 2026, MeteringEurPerYear = Move(rlm.MeteringEurPerYear, power ? 300m : 250m, power ? 650m : 550m), Bands = bands26 };
            area.Fees = [[slp, rlm], [slp26, rlm26]];

            // Default supply: gross all-in working price power 36–44.5 ct, gas 11.3–14.7 ct; net = gross / 1.19.
            var gross25 = power ? rng.Decimal(36m, 44.5m, 2) : rng.Decimal(11.3m, 14.7m, 2);
            var gross26 = power ? Math.Clamp(gross25 * rng.Decimal(0.96m, 1.03m, 3), 35.5m, 44.8m) : Math.Clamp(gross25 * rng.Decimal(0.95m, 1.03m, 3), 11.1m, 14.9m);
            var base25 = power ? rng.Decimal(100m, 180m, 2) : rng.Decimal(110m, 220m, 2);
            var base26 = Math.Round(base25 * rng.Decimal(0.98m, 1.06m, 3), 2);
            var name = power ? "Strom Grundversorgung" : "Erdgas Grundversorgung";
            area.DefaultSupply =
            [
                new DefaultSupplyTariff(2025, name, Math.Round(gross25 / 1.19m, 4), base25),
                new DefaultSupplyTariff(2026, name, Math.Round(gross26 / 1.19m, 4), base26),
            ];

            // Competitor tariffs are the bulk of the set: each area draws its own on first use.
            var competitorSeed = seed;
            area.CompetitorsFrom(() =>
            {
                var own = SeededRandom.For(competitorSeed, "competitors", index);
                var household = Competitors(own, area, CustomerType.Household, providers);
                var business = Competitors(own, area, CustomerType.Business, providers);
                return [[household.Y2025, business.Y2025], [household.Y2026, business.Y2026]];
            });
        }

        /// <summary>20–60 tariffs of distinct providers around the default supply (most cheaper); 2026 keeps the tariffs and moves
        /// their prices with the default supply.</summary>
        private static (CompetitorTariff[] Y2025, CompetitorTariff[] Y2026) Competitors(SeededRandom rng, GridArea area, CustomerType type, List<MarketParty> providers)
        {
            var household = type == CustomerType.Household;
            var power = area.Commodity == Commodity.Power;
            var names = power ? household ? MarketDataNames.PowerTariffs : MarketDataNames.BusinessPowerTariffs
                : household ? MarketDataNames.GasTariffs : MarketDataNames.BusinessGasTariffs;
            var count = rng.Int(20, 60);
            var pool = providers.ToArray();
            var ds25 = area.DefaultSupply[0];
            var ds26 = area.DefaultSupply[1];
            var apMove = ds26.WorkingPriceCtPerKwh / ds25.WorkingPriceCtPerKwh;
            var y25 = new CompetitorTariff[count];
            var y26 = new CompetitorTariff[count];
            for (var i = 0; i < count; i++)
            {
                var j = rng.Int(i, pool.Length - 1);
                (pool[i], pool[j]) = (pool[j], pool[i]);
                var cheaper = rng.Chance(household ? 85 : 80);
                var apFactor = cheaper ? rng.Decimal(0.72m, 0.99m, 3) : rng.Decimal(1.0m, household ? 1.10m : 1.08m, 3);
                var baseFactor = household ? rng.Decimal(0.55m, 1.30m, 3) : rng.Decimal(0.80m, 1.60m, 3);
                NewCustomerBonus? bonus = null;
                decimal? instant = null;
                if (rng.Chance(household ? 45 : 15))
                    bonus = rng.Chance(60) ? new NewCustomerBonus("fixed", rng.Int(5, 24) * 10m, null) : new NewCustomerBonus("percent", null, rng.Int(5, 20));
                if (rng.Chance(household ? 25 : 10)) instant = rng.Int(1, 6) * 25m;
                var guaranteeRoll = rng.Int(0, 99);
                var guarantee = guaranteeRoll < 15 ? 0 : guaranteeRoll < 65 ? 12 : 24;
                var guaranteeType = guarantee == 0 ? null : rng.Pick(GuaranteeTypes);
                var termRoll = rng.Int(0, 99);
                var minimumTerm = household
                    ? termRoll < 30 ? 0 : termRoll < 40 ? 1 : termRoll < 85 ? 12 : 24
                    : termRoll < 15 ? 0 : termRoll < 60 ? 12 : 24;
                var tariff = new CompetitorTariff($"{area.Id}-{(household ? 'H' : 'B')}{i + 1:00}", pool[i], rng.Pick(names),
                    Math.Round(ds25.BasePriceEurPerYear * baseFactor, 2), Math.Round(ds25.WorkingPriceCtPerKwh * apFactor, 4),
                    bonus, instant, guarantee, guaranteeType, minimumTerm);
                y25[i] = tariff;
                y26[i] = tariff with
                {
                    WorkingPriceCtPerKwh = Math.Round(tariff.WorkingPriceCtPerKwh * apMove * rng.Decimal(0.97m, 1.03m, 3), 4),
                    BasePriceEurPerYear = Math.Round(tariff.BasePriceEurPerYear * rng.Decimal(0.97m, 1.04m, 3), 2),
                };
            }
            return (y25, y26);
        }

        private static readonly string[] GuaranteeTypes = ["full", "excludingTaxesAndLevies", "energyOnly"];
    }
}
