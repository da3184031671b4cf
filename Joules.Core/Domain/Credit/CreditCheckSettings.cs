using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;

namespace Joules.Core.Domain.Credit;

/// <summary>A brand's credit check settings: how long an answer about the same person is reused (saving bureau fees)
/// and from which contract size the full check with history is asked for instead of negative features only (CRD-4).</summary>
public sealed class CreditCheckSettings : IBrandConfiguration
{
    private CreditCheckSettings() { }

    public static CreditCheckSettings Create(Guid brandId) => new() { Id = Guid.NewGuid(), BrandId = brandId, ReuseDays = 30, AutoCheck = true };

    public Guid Id { get; private set; }
    public Guid BrandId { get; set; }

    /// <summary>True: a contract entering "credit check pending" is checked at once; false: only by button.</summary>
    public bool AutoCheck { get; set; }

    /// <summary>An answer about the same person younger than this many days is reused (0 = never).</summary>
    public int ReuseDays { get; set; }

    /// <summary>Full check from this forecast annual consumption (kWh); below it negative features only. Null: always full.</summary>
    public int? FullCheckFromKwh { get; set; }

    /// <summary>Full check from this contract value (EUR, first year); below it negative features only. Null: not used.</summary>
    public decimal? FullCheckFromContractValue { get; set; }

    /// <summary>Checks the values; throws <see cref="DomainException"/> naming the field.</summary>
    public void Validate()
    {
        if (ReuseDays is < 0 or > 365) throw new DomainException(CoreText.Get("Credit.ReuseDaysRange"), nameof(ReuseDays));
        if (FullCheckFromKwh is < 0) throw new DomainException(CoreText.Get("Credit.ThresholdNegative"), nameof(FullCheckFromKwh));
        if (FullCheckFromContractValue is < 0) throw new DomainException(CoreText.Get("Credit.ThresholdNegative"), nameof(FullCheckFromContractValue));
    }
}

/// <summary>"For customers of type <see cref="CustomerType"/> in <see cref="Country"/>, ask <see cref="Bureau"/>
/// (product <see cref="Product"/>) as the <see cref="Position"/>-th choice": the routes of one country and customer type,
/// ordered by position, are the fallback order when a bureau is unavailable.</summary>
public sealed class BureauRoute : IBrandConfiguration
{
    private BureauRoute() { }

    public static BureauRoute Create(Guid brandId, string country, CustomerType customerType, int position, string bureau, string product) => new()
    {
        Id = Guid.NewGuid(), BrandId = brandId, Country = country, CustomerType = customerType, Position = position, Bureau = bureau, Product = product,
    };

    public Guid Id { get; private set; }
    public Guid BrandId { get; set; }
    public string Country { get; set; } = "DE";
    public CustomerType CustomerType { get; set; }
    public int Position { get; set; }
    public string Bureau { get; set; } = "";
    public string Product { get; set; } = "";

    /// <summary>Checks that the bureau serves the country and offers the product for the customer type.</summary>
    public void Validate()
    {
        var bureau = Bureaus.Find(Bureau) ?? throw new DomainException(CoreText.Format("Credit.UnknownBureau", Bureau), nameof(Bureau));
        if (!bureau.Countries.Contains(Country)) throw new DomainException(CoreText.Format("Credit.BureauCountry", bureau.Name, Country), nameof(Country));
        var product = bureau.Product(Product) ?? throw new DomainException(CoreText.Format("Credit.UnknownProduct", Product, bureau.Name), nameof(Product));
        var fits = CustomerType == CustomerType.Household ? product.Persons : product.Companies;
        if (!fits) throw new DomainException(CoreText.Format("Credit.ProductSubject", product.Name), nameof(Product));
    }
}
