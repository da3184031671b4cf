using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Tariffs;

/// <summary>Liefergebiet: the postal codes where a brand sells tariffs at one set of prices.</summary>
public sealed class DeliveryArea : Entity, IBrandConfiguration
{
    private readonly List<DeliveryAreaPostalCode> _postalCodes = [];

    private DeliveryArea() { }

    public DeliveryArea(Guid brandId, string name, IEnumerable<string> postalCodes)
    {
        BrandId = brandId;
        Rename(name);
        ReplacePostalCodes(postalCodes);
    }

    public Guid BrandId { get; set; }
    public string Name { get; private set; } = "";
    public IReadOnlyList<DeliveryAreaPostalCode> PostalCodes => _postalCodes;

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException(CoreText.Get("Area.NameRequired"), nameof(Name));
        Name = name.Trim();
    }

    /// <summary>Replaces the postal code set; every code must have 4 (AT) or 5 (DE) digits.</summary>
    public void ReplacePostalCodes(IEnumerable<string> postalCodes)
    {
        var codes = postalCodes.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().ToList();
        foreach (var code in codes)
            if (code.Length is not (4 or 5) || !code.All(char.IsAsciiDigit))
                throw new DomainException(CoreText.Format("Area.PostalCodeInvalid", code), nameof(PostalCodes));
        if (codes.Count == 0) throw new DomainException(CoreText.Get("Area.PostalCodesRequired"), nameof(PostalCodes));
        _postalCodes.RemoveAll(p => !codes.Contains(p.PostalCode));
        foreach (var code in codes.Where(c => _postalCodes.All(p => p.PostalCode != c)))
            _postalCodes.Add(new DeliveryAreaPostalCode(BrandId, Id, code));
    }
}

/// <summary>One postal code of a <see cref="DeliveryArea"/>.</summary>
public sealed class DeliveryAreaPostalCode : Entity, IBrandConfiguration
{
    private DeliveryAreaPostalCode() { }

    internal DeliveryAreaPostalCode(Guid brandId, Guid deliveryAreaId, string postalCode)
    {
        BrandId = brandId;
        DeliveryAreaId = deliveryAreaId;
        PostalCode = postalCode;
    }

    public Guid BrandId { get; set; }
    public Guid DeliveryAreaId { get; private set; }
    public string PostalCode { get; private set; } = "";
}
