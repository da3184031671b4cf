using System.Globalization;
using Joules.Core.Pricing;
using static Joules.Core.Tests.Pricing.PricingFixtures;

namespace Joules.Core.Tests.Pricing;

public class PortalCostTests
{
    public PortalCostTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    [Fact]
    public void Appendix_B_first_year_cost_is_1042_30_to_the_cent()
    {
        // 12.90 × 12 = 154.80 € GP + 28.50 ct × 3,500 = 997.50 € → 1,152.30 € gross; − 60 − 50 = 1,042.30 €.
        var cost = TariffCostCalculator.Calculate(AppendixB(), LocationCharges.VatOnly(19m), Consumption.Power(3_500m));

        cost.FirstYear.Gross.ShouldBe(1_042.30m);
        cost.LaterYears.Gross.ShouldBe(1_152.30m);
        cost.Bonuses.Gross.ShouldBe(110.00m);
        cost.LaterYears.Net.ShouldBe(968.32m);      // 1,152.30 / 1.19 = 968.3193…
        cost.LaterYears.Vat.ShouldBe(183.98m);
        cost.FirstYear.Net.ShouldBe(875.88m);       // 1,042.30 / 1.19 = 875.8823…
        cost.FirstYear.Vat.ShouldBe(166.42m);
        cost.FirstYearPerMonthGross.ShouldBe(86.86m); // 1,042.30 / 12 = 86.858…
    }

    [Fact]
    public void Appendix_B_holds_with_net_prices_stored_at_four_decimals()
    {
        // Price lists store net with 4 decimals: 130.0840 €/a, 23.9496 ct, bonuses 50.4202 € and 42.0168 €.
        var tariff = new TariffPrices
        {
            Mode = PricingMode.AllInclusive, BasePricePerYear = 130.0840m, WorkingPriceCtPerKwh = 23.9496m,
            NewCustomerBonus = NewCustomerBonus.Fixed(50.4202m), InstantBonus = 42.0168m,
        };

        var cost = TariffCostCalculator.Calculate(tariff, LocationCharges.VatOnly(19m), Consumption.Power(3_500m));

        cost.FirstYear.Gross.ShouldBe(1_042.30m);
        cost.EffectiveWorkingPriceCtPerKwh.ShouldBe(23.9496m);
        cost.EffectiveBasePricePerYear.ShouldBe(130.0840m);
    }

    [Fact]
    public void Appendix_B_rank_optimiser_price_28_14_ct_costs_1029_70()
    {
        // 154.80 + 28.14 × 35 = 1,139.70 − 110 = 1,029.70 € (below the competitor at 1,030.00 €).
        var cost = TariffCostCalculator.Calculate(AppendixB(28.14m), LocationCharges.VatOnly(19m), Consumption.Power(3_500m));
        cost.FirstYear.Gross.ShouldBe(1_029.70m);
    }

    [Fact]
    public void Percent_new_customer_bonus_is_a_share_of_the_first_year_cost_without_bonuses()
    {
        // GP 120 + 25 ct × 4,000 = 1,120.00 net (1,332.80 gross); 10 % → 112.00 net, 21.28 VAT, 133.28 gross.
        var tariff = TariffPrices.Flat(PricingMode.AllInclusive, 120m, 25m) with { NewCustomerBonus = NewCustomerBonus.Percent(10m) };

        var cost = TariffCostCalculator.Calculate(tariff, LocationCharges.VatOnly(19m), Consumption.Power(4_000m));

        cost.Bonuses.ShouldBe(new CostTotals(112.00m, 21.28m, 133.28m));
        cost.FirstYear.ShouldBe(new CostTotals(1_008.00m, 191.52m, 1_199.52m));
        cost.BonusLines.Single().Code.ShouldBe("NewCustomerBonus");
        cost.BonusLines.Single().Net.ShouldBe(-112m);
    }

    [Fact]
    public void Free_kilowatt_hours_are_worth_the_working_price()
    {
        // 500 free kWh × 25 ct = 125.00 net, 148.75 gross; first year 1,332.80 − 148.75 = 1,184.05 gross.
        var tariff = TariffPrices.Flat(PricingMode.AllInclusive, 120m, 25m) with { FreeKwh = 500m };

        var cost = TariffCostCalculator.Calculate(tariff, LocationCharges.VatOnly(19m), Consumption.Power(4_000m));

        cost.Bonuses.Gross.ShouldBe(148.75m);
        cost.FirstYear.Gross.ShouldBe(1_184.05m);
        var line = cost.BonusLines.Single();
        (line.Code, line.Quantity, line.UnitPrice, line.Net).ShouldBe(("FreeKwh", 500m, 25m, -125m));
    }

    [Fact]
    public void Free_kilowatt_hours_beyond_the_consumption_are_worth_nothing_more()
    {
        // 5,000 free kWh at 4,000 kWh: only the 1,000 € working price is free; the GP of 120 € remains.
        var tariff = TariffPrices.Flat(PricingMode.AllInclusive, 120m, 25m) with { FreeKwh = 5_000m };

        var cost = TariffCostCalculator.Calculate(tariff, LocationCharges.VatOnly(19m), Consumption.Power(4_000m));

        cost.FirstYear.Net.ShouldBe(120m);
    }

    [Fact]
    public void Free_kilowatt_hours_in_pass_through_are_worth_the_all_in_working_price()
    {
        // Supplier AP 12 ct + location 14.986 ct = 26.986 ct/kWh; 100 free kWh → 26.986 € net.
        var tariff = TariffPrices.Flat(PricingMode.PassThrough, 60m, 12m) with { FreeKwh = 100m };

        var cost = TariffCostCalculator.Calculate(tariff, Location2026(), Consumption.Power(3_500m));

        cost.EffectiveWorkingPriceCtPerKwh.ShouldBe(26.986m);
        cost.BonusLines.Single().Net.ShouldBe(-26.986m);
        cost.Bonuses.Net.ShouldBe(26.99m);
    }

    [Fact]
    public void Percent_bonus_and_free_kWh_and_instant_bonus_add_up_in_the_bonus_sum()
    {
        // Year 1,120.00 net: 10 % = 112.00; instant 30.00; 100 free kWh × 25 ct = 25.00 → 167.00 net, 31.73 VAT.
        var tariff = TariffPrices.Flat(PricingMode.AllInclusive, 120m, 25m) with
        {
            NewCustomerBonus = NewCustomerBonus.Percent(10m), InstantBonus = 30m, FreeKwh = 100m,
        };

        var cost = TariffCostCalculator.Calculate(tariff, LocationCharges.VatOnly(19m), Consumption.Power(4_000m));

        cost.BonusLines.Select(l => l.Code).ShouldBe(["NewCustomerBonus", "InstantBonus", "FreeKwh"]);
        cost.Bonuses.ShouldBe(new CostTotals(167.00m, 31.73m, 198.73m));
        cost.FirstYear.Gross.ShouldBe(cost.LaterYears.Gross - cost.Bonuses.Gross);
    }

    [Theory]
    // VAT 0 so gross = net: 30 ct × 4,000 = 1,200.00 → exactly 100 €; 30.0003 ct → 1,200.01 → 100.0008 → 101 €.
    [InlineData("30", 100)]
    [InlineData("30.0003", 101)]
    // 28.3193 ct × 4,000 = 1,132.772 → 1,132.77 / 12 = 94.397… → 95 €.
    [InlineData("28.3193", 95)]
    public void Monthly_instalment_is_the_gross_year_without_bonuses_over_12_rounded_up_to_whole_euros(string workingCt, int expected)
    {
        var tariff = TariffPrices.Flat(PricingMode.AllInclusive, 0m, decimal.Parse(workingCt, CultureInfo.InvariantCulture))
            with { InstantBonus = 200m };

        var cost = TariffCostCalculator.Calculate(tariff, LocationCharges.VatOnly(0m), Consumption.Power(4_000m));

        cost.MonthlyInstalment.ShouldBe(expected);
    }

    [Fact]
    public void Monthly_instalment_with_VAT_rounds_up_the_gross_amount()
    {
        // 1,120.00 net → 1,332.80 gross / 12 = 111.0667 → 112 €, although the bonus lowers the first year.
        var tariff = TariffPrices.Flat(PricingMode.AllInclusive, 120m, 25m) with { InstantBonus = 100m };
        TariffCostCalculator.Calculate(tariff, LocationCharges.VatOnly(19m), Consumption.Power(4_000m)).MonthlyInstalment.ShouldBe(112m);
    }

    [Fact]
    public void Totals_use_commercial_rounding_half_away_from_zero()
    {
        // 100.005 € would be 100.00 with banker's rounding; commercial rounding gives 100.01.
        var tariff = TariffPrices.Flat(PricingMode.AllInclusive, 100.005m, 0m);
        TariffCostCalculator.Calculate(tariff, LocationCharges.VatOnly(0m), Consumption.Power(1_000m)).LaterYears.Net.ShouldBe(100.01m);
    }

    [Fact]
    public void HT_NT_tariff_prices_each_share_of_the_consumption()
    {
        // 4,000 kWh, 60 % HT: 2,400 × 30 ct = 720 € + 1,600 × 20 ct = 320 € → 1,040 €; average 26 ct.
        var tariff = TariffPrices.TimeOfUse(PricingMode.AllInclusive, 0m, 30m, 20m, 0.6m);

        var cost = TariffCostCalculator.Calculate(tariff, LocationCharges.VatOnly(0m), Consumption.Power(4_000m));

        cost.LaterYears.Net.ShouldBe(1_040m);
        cost.EffectiveWorkingPriceCtPerKwh.ShouldBe(26m);
    }
}
