using Joules.Core.Data;
using Joules.Core.Domain.Credit;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Credit;

/// <summary>The editable credit check settings of a brand (see <see cref="CreditCheckSettings"/>).</summary>
/// <param name="AutoCheck">Check automatically when a contract enters "credit check pending".</param>
/// <param name="ReuseDays">Reuse an answer about the same person for this many days (0 = never).</param>
/// <param name="FullCheckFromKwh">Full check from this annual consumption; null = always full (unless the value threshold is set).</param>
/// <param name="FullCheckFromContractValue">Full check from this first-year contract value (EUR); null = not used.</param>
/// <param name="Exists">False when the brand has no stored settings yet (the defaults are shown).</param>
public sealed record CreditSettingsForm(bool AutoCheck, int ReuseDays, int? FullCheckFromKwh, decimal? FullCheckFromContractValue, bool Exists = true);

/// <summary>Loads and saves a brand's <see cref="CreditCheckSettings"/>; the settings are created on first save.</summary>
public sealed class SaveCreditCheckSettings(JoulesDbContext db)
{
    /// <summary>The brand's settings, or the defaults of <see cref="CreditCheckSettings.Create"/> when none are stored.</summary>
    public async Task<CreditSettingsForm> LoadAsync(Guid brandId, CancellationToken ct = default)
    {
        CreditBrandAccess.Require(db, brandId);
        var s = await db.CreditCheckSettings.AsNoTracking().FirstOrDefaultAsync(x => x.BrandId == brandId, ct);
        var exists = s is not null;
        s ??= CreditCheckSettings.Create(brandId);
        return new CreditSettingsForm(s.AutoCheck, s.ReuseDays, s.FullCheckFromKwh, s.FullCheckFromContractValue, exists);
    }

    /// <summary>Validates and stores the settings; throws <see cref="Domain.Common.DomainException"/> naming the field.</summary>
    public async Task SaveAsync(Guid brandId, CreditSettingsForm form, CancellationToken ct = default)
    {
        CreditBrandAccess.Require(db, brandId);
        var s = await db.CreditCheckSettings.FirstOrDefaultAsync(x => x.BrandId == brandId, ct);
        var isNew = s is null;
        s ??= CreditCheckSettings.Create(brandId);
        s.AutoCheck = form.AutoCheck;
        s.ReuseDays = form.ReuseDays;
        s.FullCheckFromKwh = form.FullCheckFromKwh;
        s.FullCheckFromContractValue = form.FullCheckFromContractValue;
        s.Validate();
        if (isNew) db.CreditCheckSettings.Add(s);
        await db.SaveChangesAsync(ct);
    }
}
