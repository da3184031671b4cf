using Joules.Simulators.MarketData;

namespace Joules.Host.Tests.Simulators.MarketData;

/// <summary>The generated market data set itself: size, determinism, realistic postal codes and the share of postal codes that
/// span several grid areas.</summary>
public sealed class MarketDataSetTests
{
    private static MarketDataSet Set => MarketDataSet.Shared;

    [Fact]
    public void Holds_at_least_8000_German_postal_codes_in_regional_ranges()
    {
        Set.PostalCodeCount.ShouldBeGreaterThanOrEqualTo(8000);
        Set.PostalCodes.Select(p => p.Code).Distinct().Count().ShouldBe(Set.PostalCodeCount);
        foreach (var p in Set.PostalCodes)
        {
            p.Code.Length.ShouldBe(5);
            p.Number.ShouldBeInRange(1001, 99998);
            p.City.ShouldNotBeNullOrWhiteSpace();
            p.ConcessionClass.ShouldBeInRange(1, 4);
            p.Power.Count.ShouldBeInRange(1, 3);
            p.Gas.Count.ShouldBeInRange(1, 3);
        }
        // Every leading two digits in use for ordinary addresses has codes.
        Set.PostalCodes.Select(p => p.Number / 1000).Distinct().Count().ShouldBeGreaterThan(90);
    }

    [Fact]
    public void Two_generations_with_the_same_seed_are_equal()
    {
        var other = MarketDataSet.Generate(MarketDataSet.DefaultSeed);

        other.PostalCodeCount.ShouldBe(Set.PostalCodeCount);
        other.GridAreas.Count.ShouldBe(Set.GridAreas.Count);
        for (var i = 0; i < Set.PostalCodeCount; i += 97)
        {
            var (a, b) = (Set.PostalCodes[i], other.PostalCodes[i]);
            b.Code.ShouldBe(a.Code);
            b.City.ShouldBe(a.City);
            b.ConcessionClass.ShouldBe(a.ConcessionClass);
            b.Power.Select(x => x.Id).ShouldBe(a.Power.Select(x => x.Id));
            b.Gas.Select(x => x.Id).ShouldBe(a.Gas.Select(x => x.Id));
            b.Streets.Select(s => (s.Name, s.HouseNumberFrom, s.Power.Id, s.Gas.Id)).ShouldBe(a.Streets.Select(s => (s.Name, s.HouseNumberFrom, s.Power.Id, s.Gas.Id)));
        }
        for (var i = 0; i < Set.GridAreas.Count; i += 7)
        {
            var (a, b) = (Set.GridAreas[i], other.GridAreas[i]);
            b.Id.ShouldBe(a.Id);
            b.Name.ShouldBe(a.Name);
            b.Operator.ShouldBe(a.Operator);
            b.DefaultSupplier.ShouldBe(a.DefaultSupplier);
            b.Fees[1][0].ShouldBe(a.Fees[1][0]);
            b.Fees[0][1].MeteringEurPerYear.ShouldBe(a.Fees[0][1].MeteringEurPerYear);
            b.Fees[0][1].Bands.ShouldBe(a.Fees[0][1].Bands);
            b.DefaultSupply.ShouldBe(a.DefaultSupply);
            b.Competitors[1][0].ShouldBe(a.Competitors[1][0]);
            b.Competitors[0][1].ShouldBe(a.Competitors[0][1]);
        }
    }

    [Fact]
    public void A_different_seed_gives_different_data()
    {
        var other = MarketDataSet.Generate(42);
        other.PostalCodes.Select(p => p.Code).Take(200).ShouldNotBe(Set.PostalCodes.Select(p => p.Code).Take(200));
    }

    [Fact]
    public void At_least_five_percent_of_postal_codes_span_several_grid_areas_and_each_has_streets_for_every_area()
    {
        var multi = Set.PostalCodes.Where(p => p.Power.Count > 1 || p.Gas.Count > 1).ToList();

        (multi.Count * 100.0 / Set.PostalCodeCount).ShouldBeGreaterThanOrEqualTo(5.0);
        multi.ShouldContain(p => p.Power.Count == 3);
        foreach (var p in multi)
        {
            p.Streets.ShouldNotBeEmpty(p.Code);
            foreach (var area in p.Power) p.Streets.ShouldContain(s => s.Power == area, $"{p.Code} {area.Id}");
            foreach (var area in p.Gas) p.Streets.ShouldContain(s => s.Gas == area, $"{p.Code} {area.Id}");
            foreach (var s in p.Streets)
            {
                p.Power.ShouldContain(s.Power);
                p.Gas.ShouldContain(s.Gas);
            }
        }
    }

    [Theory]
    [InlineData(10115, "Berlin", 4)]
    [InlineData(80331, "München", 4)]
    [InlineData(50667, "Köln", 4)]
    [InlineData(1067, "Dresden", 4)]
    [InlineData(33602, "Bielefeld", 3)]
    public void Large_cities_have_their_real_postal_codes_and_concession_class(int number, string city, int concessionClass)
    {
        var entry = Set.FindPostalCode(number).ShouldNotBeNull();
        entry.City.ShouldBe(city);
        entry.ConcessionClass.ShouldBe(concessionClass);
    }

    [Fact]
    public void Large_cities_have_several_grid_operators_and_areas()
    {
        var berlin = Set.PostalCodes.Where(p => p.City == "Berlin").ToList();
        berlin.SelectMany(p => p.Power).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        berlin.SelectMany(p => p.Power).Select(a => a.Operator.Code).Distinct().Count().ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public void Operators_and_suppliers_have_13_digit_codes()
    {
        foreach (var area in Set.GridAreas)
        {
            area.Operator.Code.Length.ShouldBe(13);
            area.Operator.Code.All(char.IsAsciiDigit).ShouldBeTrue();
            area.DefaultSupplier.Code.Length.ShouldBe(13);
            area.Operator.Name.ShouldNotBeNullOrWhiteSpace();
        }
        Set.GridAreas.Select(a => a.Id).Distinct().Count().ShouldBe(Set.GridAreas.Count);
    }

    [Fact]
    public void Every_grid_area_serves_postal_codes()
    {
        Set.GridAreas.Where(a => a.PostalCodes.Count == 0).Select(a => a.Id).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Hauptstraße", "hauptstr.")]
    [InlineData("Hauptstraße", "HAUPTSTRASSE")]
    [InlineData("Komödienstraße", "Komoedienstr")]
    [InlineData("Am Markt", "am markt")]
    public void Street_names_match_in_common_spellings(string name, string typed)
    {
        MarketDataSet.StreetKey(typed).ShouldBe(MarketDataSet.StreetKey(name));
    }
}
