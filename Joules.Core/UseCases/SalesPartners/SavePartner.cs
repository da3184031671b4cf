using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.SalesPartners;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.SalesPartners;

/// <summary>Input of the partner form.</summary>
public sealed class PartnerInput
{
    public string PartnerNumber { get; set; } = "";
    public string Name { get; set; } = "";
    public Guid? ParentId { get; set; }
    public SalesChannel Channel { get; set; } = SalesChannel.DoorToDoor;
    public string? ContactName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Iban { get; set; }
    public bool IsVatLiable { get; set; } = true;
    public bool IsActive { get; set; } = true;

    /// <summary>The form's values of an existing partner.</summary>
    public static PartnerInput From(SalesPartner p) => new()
    {
        PartnerNumber = p.PartnerNumber, Name = p.Name, ParentId = p.ParentId, Channel = p.Channel, ContactName = p.ContactName,
        Email = p.Email, Phone = p.Phone, Iban = p.Iban, IsVatLiable = p.IsVatLiable, IsActive = p.IsActive,
    };
}

/// <summary>Creates and edits sales partners and their commission scheme. Throws <see cref="DomainException"/> naming the field.</summary>
public sealed class SavePartner(JoulesDbContext db)
{
    public async Task<Guid> CreateAsync(PartnerInput input, Guid? brandId, CancellationToken ct = default)
    {
        SalesPartner? parent = input.ParentId is { } parentId ? await db.SalesPartners.SingleAsync(p => p.Id == parentId, ct) : null;
        var brand = parent?.BrandId ?? brandId ?? db.User.BrandId ?? throw new DomainException(CoreText.Get("Tenant.BrandRequired"));
        var number = input.PartnerNumber.Trim();
        if (number.Length == 0) throw new DomainException(CoreText.Get("Partner.NumberRequired"), nameof(PartnerInput.PartnerNumber));
        if (await db.SalesPartners.IgnoreQueryFilters().AnyAsync(p => p.BrandId == brand && p.PartnerNumber == number, ct))
            throw new DomainException(CoreText.Format("Partner.NumberDuplicate", number), nameof(PartnerInput.PartnerNumber));
        var partner = new SalesPartner(brand, number, input.Name, parent, input.Channel);
        Apply(partner, input);
        // A child starts with its parent's scheme; the form changes it afterwards.
        if (parent is not null) partner.ChangeCommission(parent.Commission);
        db.SalesPartners.Add(partner);
        await db.SaveChangesAsync(ct);
        return partner.Id;
    }

    public async Task UpdateAsync(Guid id, PartnerInput input, CancellationToken ct = default)
    {
        var partner = await db.SalesPartners.SingleAsync(p => p.Id == id, ct);
        partner.Rename(input.Name);
        Apply(partner, input);
        await db.SaveChangesAsync(ct);
    }

    public async Task ChangeCommissionAsync(Guid id, CommissionScheme scheme, CancellationToken ct = default)
    {
        var partner = await db.SalesPartners.SingleAsync(p => p.Id == id, ct);
        partner.ChangeCommission(scheme);
        await db.SaveChangesAsync(ct);
    }

    private static void Apply(SalesPartner partner, PartnerInput input)
    {
        var email = Clean(input.Email);
        if (email is not null && (!email.Contains('@') || email.StartsWith('@') || email.EndsWith('@') || email.Contains(' ')))
            throw new DomainException(CoreText.Format("Partner.EmailInvalid", email), nameof(PartnerInput.Email));
        var iban = Clean(input.Iban)?.Replace(" ", "").ToUpperInvariant();
        if (iban is not null && !IsValidIban(iban))
            throw new DomainException(CoreText.Format("Partner.IbanInvalid", input.Iban), nameof(PartnerInput.Iban));
        partner.Channel = input.Channel;
        partner.ContactName = Clean(input.ContactName);
        partner.Email = email;
        partner.Phone = Clean(input.Phone);
        partner.Iban = iban;
        partner.IsVatLiable = input.IsVatLiable;
        partner.IsActive = input.IsActive;
    }

    /// <summary>ISO 13616 check: country code, check digits, mod 97 = 1.</summary>
    public static bool IsValidIban(string iban) => IbanCheck.IsValid(iban);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
