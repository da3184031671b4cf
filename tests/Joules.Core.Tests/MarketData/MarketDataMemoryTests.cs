using Joules.Core.MarketData;
using Shouldly;

namespace Joules.Core.Tests.MarketData;

/// <summary>The process's copy of market data answers applies the store's rule: the newest answer valid on the day and
/// fetched recently enough; one answer per validity period and request.</summary>
public sealed class MarketDataMemoryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static LevySheet Levies(int year, decimal vat, DateTimeOffset fetchedAt) =>
        new(MarketCommodity.Power, [], new MarketLevy("StromSt", "Stromsteuer", 2.05m), vat,
            new MarketDataSource("enet", new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), new DateOnly(year - 1, 10, 15), fetchedAt));

    [Fact]
    public void Serves_the_answer_valid_on_the_day_and_nothing_outside_its_validity()
    {
        var memory = new MarketDataMemory();
        memory.Keep("enet|levies|power|", Levies(2025, 19m, Noon));
        memory.Keep("enet|levies|power|", Levies(2026, 7m, Noon));

        memory.Find<LevySheet>("enet|levies|power|", new DateOnly(2025, 6, 1), Noon.AddHours(-1)).ShouldNotBeNull().VatPercent.ShouldBe(19m);
        memory.Find<LevySheet>("enet|levies|power|", new DateOnly(2026, 6, 1), Noon.AddHours(-1)).ShouldNotBeNull().VatPercent.ShouldBe(7m);
        memory.Find<LevySheet>("enet|levies|power|", new DateOnly(2027, 1, 1), Noon.AddHours(-1)).ShouldBeNull();
        memory.Find<LevySheet>("getag|levies|power|", new DateOnly(2026, 6, 1), Noon.AddHours(-1)).ShouldBeNull();
    }

    [Fact]
    public void An_answer_fetched_before_the_fresh_limit_is_not_served()
    {
        var memory = new MarketDataMemory();
        memory.Keep("enet|levies|power|", Levies(2026, 19m, Noon));

        memory.Find<LevySheet>("enet|levies|power|", new DateOnly(2026, 6, 1), Noon.AddSeconds(1)).ShouldBeNull();
        memory.Find<LevySheet>("enet|levies|power|", new DateOnly(2026, 6, 1), Noon).ShouldNotBeNull();
    }

    [Fact]
    public void A_refetched_answer_replaces_the_one_of_the_same_validity()
    {
        var memory = new MarketDataMemory();
        memory.Keep("enet|levies|power|", Levies(2026, 19m, Noon));
        memory.Keep("enet|levies|power|", Levies(2026, 16m, Noon.AddHours(25)));

        memory.Find<LevySheet>("enet|levies|power|", new DateOnly(2026, 6, 1), Noon.AddHours(-1)).ShouldNotBeNull().VatPercent.ShouldBe(16m);
        memory.Count.ShouldBe(1);
    }

    [Fact]
    public void When_full_it_starts_over_instead_of_growing()
    {
        var memory = new MarketDataMemory();
        for (var i = 0; i <= MarketDataMemory.Capacity; i++) memory.Keep($"enet|levies|{i}|", Levies(2026, 19m, Noon));

        memory.Count.ShouldBeLessThanOrEqualTo(MarketDataMemory.Capacity);
        memory.Find<LevySheet>($"enet|levies|{MarketDataMemory.Capacity}|", new DateOnly(2026, 6, 1), Noon).ShouldNotBeNull();
    }
}
