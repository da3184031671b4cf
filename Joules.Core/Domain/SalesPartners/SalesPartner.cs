using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.SalesPartners;

/// <summary>An external or internal sales organisation, possibly below a parent partner.</summary>
public sealed class SalesPartner : Entity, ITenantOwned
{
    private SalesPartner() { }

    public SalesPartner(Guid brandId, string partnerNumber, string name, SalesPartner? parent, SalesChannel channel)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException(CoreText.Get("Partner.NameRequired"), nameof(Name));
        if (parent is not null && parent.BrandId != brandId) throw new DomainException(CoreText.Get("Partner.ParentOtherBrand"), nameof(ParentId));
        BrandId = brandId;
        PartnerNumber = partnerNumber;
        Name = name.Trim();
        Channel = channel;
        ParentId = parent?.Id;
        HierarchyPath = (parent?.HierarchyPath ?? "/") + Id.ToString("N") + "/";
        Depth = (parent?.Depth ?? -1) + 1;
    }

    public Guid BrandId { get; set; }
    public string PartnerNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public Guid? ParentId { get; private set; }
    /// <summary>Materialised path "/root/child/…/self/" of ids: a subtree is a prefix query.</summary>
    public string HierarchyPath { get; private set; } = "/";
    public int Depth { get; private set; }
    public SalesChannel Channel { get; set; }
    public string? ContactName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Iban { get; set; }
    /// <summary>Small businesses (§ 19 UStG) get credit notes without VAT.</summary>
    public bool IsVatLiable { get; set; } = true;
    public bool IsActive { get; set; } = true;
    public CommissionScheme Commission { get; private set; } = new();
    public DateTimeOffset CreatedAt { get; private set; } = DateTimeOffset.UtcNow;

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException(CoreText.Get("Partner.NameRequired"), nameof(Name));
        Name = name.Trim();
    }

    public void ChangeCommission(CommissionScheme scheme)
    {
        scheme.Validate();
        Commission = scheme;
    }

    /// <summary>True if <paramref name="other"/> is this partner or below it.</summary>
    public bool Contains(SalesPartner other) => other.HierarchyPath.StartsWith(HierarchyPath, StringComparison.Ordinal);
}
