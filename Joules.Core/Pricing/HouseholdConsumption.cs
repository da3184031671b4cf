using Joules.Core.Domain.Common;

namespace Joules.Core.Pricing;

/// <summary>Typical annual consumptions for a calculator's "I don't know my consumption" input.</summary>
/// <remarks>Power by household size (typical German values): 1 person 1,500 kWh, 2: 2,500, 3: 3,500, 4: 4,250,
/// 5 or more: 5,250 kWh. Gas (heating and hot water) by living area: 140 kWh per m² and year.</remarks>
public static class HouseholdConsumption
{
    /// <summary>The largest household size accepted.</summary>
    public const int MaxPersons = 20;

    /// <summary>The largest living area accepted in m².</summary>
    public const decimal MaxLivingArea = 10_000m;

    /// <summary>Gas consumption per m² of living area and year in kWh.</summary>
    public const decimal GasKwhPerSquareMetre = 140m;

    /// <summary>Typical annual power consumption in kWh of a household of <paramref name="persons"/> persons.</summary>
    /// <exception cref="DomainException">Fewer than 1 or more than <see cref="MaxPersons"/> persons.</exception>
    public static decimal Power(int persons)
    {
        if (persons is < 1 or > MaxPersons)
            throw new DomainException(CoreText.Format("Pricing.HouseholdSizeRange", MaxPersons), nameof(persons));
        return persons switch { 1 => 1_500m, 2 => 2_500m, 3 => 3_500m, 4 => 4_250m, _ => 5_250m };
    }

    /// <summary>Typical annual gas consumption in kWh for heating a living area of <paramref name="livingAreaSquareMetres"/>
    /// m² (140 kWh/m²), rounded to whole kWh.</summary>
    /// <exception cref="DomainException">Area not greater than 0 or above <see cref="MaxLivingArea"/> m².</exception>
    public static decimal Gas(decimal livingAreaSquareMetres)
    {
        if (livingAreaSquareMetres is <= 0m or > MaxLivingArea)
            throw new DomainException(CoreText.Format("Pricing.LivingAreaRange", MaxLivingArea), nameof(livingAreaSquareMetres));
        return Math.Round(livingAreaSquareMetres * GasKwhPerSquareMetre, 0, MidpointRounding.AwayFromZero);
    }
}
