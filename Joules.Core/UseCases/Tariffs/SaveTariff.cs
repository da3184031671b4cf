using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Tariffs;

/// <summary>Input of the tariff form. Commodity and customer type are fixed once the tariff exists.</summary>
public sealed class TariffInput
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public Commodity Commodity { get; set; }
    public CustomerType CustomerType { get; set; }
    public int MinimumTermMonths { get; set; } = 12;
    public int RenewalTermMonths { get; set; } = 12;
    public int NoticePeriodWeeks { get; set; } = 4;
    public int PriceGuaranteeMonths { get; set; } = 12;
    public bool IsActive { get; set; } = true;
    /// <summary>General, heat pump or night storage (power only).</summary>
    public TariffUsage Usage { get; set; }

    /// <summary>The form's values of an existing tariff.</summary>
    public static TariffInput From(Tariff t) => new()
    {
        Code = t.Code, Name = t.Name, Description = t.Description, Commodity = t.Commodity, CustomerType = t.CustomerType,
        MinimumTermMonths = t.MinimumTermMonths, RenewalTermMonths = t.RenewalTermMonths, NoticePeriodWeeks = t.NoticePeriodWeeks,
        PriceGuaranteeMonths = t.PriceGuaranteeMonths, IsActive = t.IsActive, Usage = t.Usage,
    };

    internal TariffTerms Terms => new(MinimumTermMonths, RenewalTermMonths, NoticePeriodWeeks, PriceGuaranteeMonths);
}

/// <summary>Creates or edits a tariff; the code is unique per brand. Throws <see cref="DomainException"/> naming the field.</summary>
public sealed class SaveTariff(JoulesDbContext db)
{
    /// <summary>Creates a tariff in <paramref name="brandId"/> (the user's brand if null) and returns its id.</summary>
    public async Task<Guid> CreateAsync(TariffInput input, Guid? brandId, CancellationToken ct = default)
    {
        var brand = brandId ?? db.User.BrandId ?? throw new DomainException(CoreText.Get("Tenant.BrandRequired"));
        var tariff = new Tariff(brand, input.Code, input.Name, input.Commodity, input.CustomerType, input.Terms)
        {
            Description = Clean(input.Description), IsActive = input.IsActive,
        };
        tariff.ChangeUsage(input.Usage);
        if (await db.Tariffs.IgnoreQueryFilters().AnyAsync(t => t.BrandId == brand && t.Code == tariff.Code, ct))
            throw new DomainException(CoreText.Format("Tariff.CodeDuplicate", tariff.Code), nameof(TariffInput.Code));
        db.Tariffs.Add(tariff);
        await db.SaveChangesAsync(ct);
        return tariff.Id;
    }

    /// <summary>Changes name, description, terms, usage and the active flag of a tariff.</summary>
    public async Task UpdateAsync(Guid id, TariffInput input, CancellationToken ct = default)
    {
        var tariff = await db.Tariffs.SingleAsync(t => t.Id == id, ct);
        tariff.Rename(input.Name);
        tariff.ChangeTerms(input.Terms);
        tariff.Description = Clean(input.Description);
        tariff.IsActive = input.IsActive;
        tariff.ChangeUsage(input.Usage);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Activates or deactivates a tariff (inactive tariffs are not sold).</summary>
    public async Task SetActiveAsync(Guid id, bool active, CancellationToken ct = default)
    {
        var tariff = await db.Tariffs.SingleAsync(t => t.Id == id, ct);
        tariff.IsActive = active;
        await db.SaveChangesAsync(ct);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
