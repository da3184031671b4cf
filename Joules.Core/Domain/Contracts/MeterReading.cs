using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Contracts;

/// <summary>A meter reading or a measured consumption over a period, imported from the billing system.
/// Commission correction extrapolates annual consumption from these.</summary>
public sealed class MeterReading : Entity, ITenantOwned
{
    private MeterReading() { }

    public MeterReading(Guid brandId, Guid contractId, DateOnly readOn, decimal? readingKwh, DateOnly? periodStart, decimal? consumptionKwh, string source)
    {
        if (readingKwh is null && consumptionKwh is null)
            throw new DomainException(CoreText.Get("Reading.ValueRequired"), nameof(ReadingKwh));
        if (readingKwh < 0 || consumptionKwh < 0)
            throw new DomainException(CoreText.Get("Reading.Negative"), nameof(ReadingKwh));
        if (consumptionKwh is not null && (periodStart is null || periodStart >= readOn))
            throw new DomainException(CoreText.Get("Reading.PeriodInvalid"), nameof(PeriodStart));
        BrandId = brandId;
        ContractId = contractId;
        ReadOn = readOn;
        ReadingKwh = readingKwh;
        PeriodStart = periodStart;
        ConsumptionKwh = consumptionKwh;
        Source = source;
    }

    public Guid BrandId { get; set; }
    public Guid ContractId { get; private set; }
    /// <summary>Day of the reading; the end (exclusive) of a consumption period.</summary>
    public DateOnly ReadOn { get; private set; }
    /// <summary>Counter value in kWh, if a reading.</summary>
    public decimal? ReadingKwh { get; private set; }
    public DateOnly? PeriodStart { get; private set; }
    /// <summary>Energy consumed from <see cref="PeriodStart"/> to <see cref="ReadOn"/>, if a consumption.</summary>
    public decimal? ConsumptionKwh { get; private set; }
    public string Source { get; private set; } = "";
    public DateTimeOffset ImportedAt { get; private set; } = DateTimeOffset.UtcNow;
}
