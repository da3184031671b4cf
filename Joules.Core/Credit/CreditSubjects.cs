using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Joules.Core.Domain.Customers;

namespace Joules.Core.Credit;

/// <summary>Builds the subject of a check from a customer, and the key under which answers about the same subject are
/// found again for reuse.</summary>
public static class CreditSubjects
{
    /// <summary>The subject of a check of <paramref name="customer"/> (consumer or company, postal address).</summary>
    public static CreditSubject From(Customer customer) => new(customer.Type, customer.Salutation, customer.FirstName, customer.LastName,
        customer.CompanyName, customer.BirthDate, customer.PostalAddress);

    /// <summary>SHA-256 (hex) of the normalised subject: type, last and first name or company name, birth date, street,
    /// postal code and country. Two checks of the same person get the same key; the key reveals none of the data.</summary>
    public static string Key(CreditSubject s)
    {
        static string N(string? v) => (v ?? "").Trim().ToLowerInvariant();
        var text = string.Join('|', s.Type, N(s.LastName), N(s.FirstName), N(s.CompanyName), N(s.RegisterNumber),
            s.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", N(s.Address.Street), N(s.Address.HouseNumber),
            N(s.Address.PostalCode), N(s.Address.Country));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
