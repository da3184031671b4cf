using Joules.Core.Domain.Common;

namespace Joules.Host.Features.Shared;

/// <summary>Domain validation messages by field name, shown next to the matching input. A message whose
/// field has no input is shown above the form.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The message not tied to a visible field.</summary>
    public string? General { get; private set; }

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? this[string field] => _errors.GetValueOrDefault(field);

    public void Clear()
    {
        _errors.Clear();
        General = null;
    }

    /// <summary>Records <paramref name="ex"/> under its field if that is one of <paramref name="knownFields"/>.</summary>
    public void Add(DomainException ex, IEnumerable<string> knownFields)
    {
        if (ex.Field is { } field && knownFields.Contains(field, StringComparer.OrdinalIgnoreCase)) _errors[field] = ex.Message;
        else General = ex.Message;
    }
}

/// <summary>Editable copy of an <see cref="Address"/> for forms.</summary>
public sealed class AddressForm
{
    public string Street { get; set; } = "";
    public string HouseNumber { get; set; } = "";
    public string PostalCode { get; set; } = "";
    public string City { get; set; } = "";
    public string Country { get; set; } = "DE";

    public static readonly string[] Fields = ["Street", "PostalCode", "City", "Country"];

    public Address ToAddress() => new()
    {
        Street = Street.Trim(), HouseNumber = HouseNumber.Trim(), PostalCode = PostalCode.Trim(), City = City.Trim(), Country = Country,
    };

    public static AddressForm From(Address? a) => a is null ? new() : new()
    {
        Street = a.Street, HouseNumber = a.HouseNumber, PostalCode = a.PostalCode, City = a.City, Country = a.Country,
    };
}
