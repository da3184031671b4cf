namespace Joules.Core.Domain.Common;

/// <summary>A postal address (value object, stored inline with its owner).</summary>
public sealed record Address
{
    public string Street { get; init; } = "";
    public string HouseNumber { get; init; } = "";
    public string PostalCode { get; init; } = "";
    public string City { get; init; } = "";
    /// <summary>ISO 3166-1 alpha-2 country code: DE or AT.</summary>
    public string Country { get; init; } = "DE";

    public override string ToString() => $"{Street} {HouseNumber}, {PostalCode} {City}";

    /// <summary>Validates the address and throws a <see cref="DomainException"/> naming the field.</summary>
    public void Validate(string prefix)
    {
        if (string.IsNullOrWhiteSpace(Street)) throw new DomainException(CoreText.Get("Address.StreetRequired"), prefix + ".Street");
        if (string.IsNullOrWhiteSpace(City)) throw new DomainException(CoreText.Get("Address.CityRequired"), prefix + ".City");
        var expectedLength = Country == "AT" ? 4 : 5;
        if (PostalCode.Length != expectedLength || !PostalCode.All(char.IsAsciiDigit))
            throw new DomainException(CoreText.Format("Address.PostalCodeInvalid", PostalCode, expectedLength), prefix + ".PostalCode");
        if (Country is not ("DE" or "AT")) throw new DomainException(CoreText.Format("Address.CountryInvalid", Country), prefix + ".Country");
    }
}
