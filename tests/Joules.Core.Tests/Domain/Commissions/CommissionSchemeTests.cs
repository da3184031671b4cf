using Joules.Core.Domain.Common;
using Joules.Core.Domain.SalesPartners;

namespace Joules.Core.Tests.Domain.Commissions;

public class CommissionSchemeTests
{
    private static readonly CommissionScheme Scheme = new() { ClosingFixed = 20m, ClosingPerMwh = 10m, ClosingMinMwh = 1.5m, ClosingMaxMwh = 10m };

    [Fact]
    public void Closing_amount_of_fixed_20_plus_10_per_MWh_at_4_5_MWh_is_65_euros() => Scheme.ClosingAmount(4_500).ShouldBe(65.00m);

    [Theory]
    [InlineData(500, 35.00)]     // below the band: counted as 1.5 MWh
    [InlineData(25_000, 120.00)] // above the band: counted as 10 MWh
    public void Closing_amount_clamps_consumption_to_the_MWh_band(int kwh, decimal expected) => Scheme.ClosingAmount(kwh).ShouldBe(expected);

    [Fact]
    public void Rejects_band_with_upper_bound_below_lower_bound()
    {
        var ex = Should.Throw<DomainException>(() => (Scheme with { ClosingMinMwh = 5m, ClosingMaxMwh = 2m }).Validate());
        ex.Field.ShouldBe(nameof(CommissionScheme.ClosingMaxMwh));
    }

    [Fact]
    public void Rejects_parent_override_above_100_percent() =>
        Should.Throw<DomainException>(() => (Scheme with { ParentOverridePercent = 120m }).Validate()).Field.ShouldBe(nameof(CommissionScheme.ParentOverridePercent));
}
