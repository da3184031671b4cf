using System.Net.Mail;
using Joules.Core.Domain.Common;
using Joules.Core.Events;

namespace Joules.Core.Domain.Customers;

/// <summary>A private or business customer of a brand.</summary>
public sealed class Customer : AggregateRoot, ITenantOwned
{
    private readonly List<CustomerConsent> _consents = [];

    private Customer() { }

    public Customer(Guid brandId, string customerNumber, CustomerType type, CustomerDetails details)
    {
        BrandId = brandId;
        CustomerNumber = customerNumber;
        Type = type;
        Update(details);
        CreatedAt = DateTimeOffset.UtcNow;
        Raise(new CustomerCreated(Id, brandId, customerNumber));
    }

    public Guid BrandId { get; set; }
    public string CustomerNumber { get; private set; } = "";
    public CustomerType Type { get; private set; }
    public Salutation Salutation { get; private set; }
    public string? FirstName { get; private set; }
    public string LastName { get; private set; } = "";
    public string? CompanyName { get; private set; }
    public DateOnly? BirthDate { get; private set; }
    public string? Email { get; private set; }
    /// <summary>Upper-case e-mail used for the per-brand uniqueness check.</summary>
    public string? NormalizedEmail { get; private set; }
    public string? Phone { get; private set; }
    public Address PostalAddress { get; private set; } = new();
    public Address? BillingAddress { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<CustomerConsent> Consents => _consents;

    /// <summary>Name for lists: company name or "Last, First".</summary>
    public string DisplayName => Type == CustomerType.Business && !string.IsNullOrEmpty(CompanyName)
        ? CompanyName!
        : string.IsNullOrEmpty(FirstName) ? LastName : $"{LastName}, {FirstName}";

    /// <summary>Validates and applies master data.</summary>
    public void Update(CustomerDetails d)
    {
        if (Type == CustomerType.Business && string.IsNullOrWhiteSpace(d.CompanyName))
            throw new DomainException(CoreText.Get("Customer.CompanyRequired"), nameof(CompanyName));
        if (string.IsNullOrWhiteSpace(d.LastName))
            throw new DomainException(CoreText.Get("Customer.LastNameRequired"), nameof(LastName));
        if (d.BirthDate is { } born && (born > DateOnly.FromDateTime(DateTime.Today.AddYears(-18)) || born.Year < 1900))
            throw new DomainException(CoreText.Get("Customer.BirthDateInvalid"), nameof(BirthDate));
        string? email = string.IsNullOrWhiteSpace(d.Email) ? null : d.Email.Trim();
        if (email is not null && !IsValidEmail(email))
            throw new DomainException(CoreText.Format("Customer.EmailInvalid", email), nameof(Email));
        d.PostalAddress.Validate(nameof(PostalAddress));
        d.BillingAddress?.Validate(nameof(BillingAddress));

        Salutation = d.Salutation;
        FirstName = Clean(d.FirstName);
        LastName = d.LastName.Trim();
        CompanyName = Clean(d.CompanyName);
        BirthDate = d.BirthDate;
        Email = email;
        NormalizedEmail = email?.ToUpperInvariant();
        Phone = Clean(d.Phone);
        PostalAddress = d.PostalAddress;
        BillingAddress = d.BillingAddress;
    }

    /// <summary>Records a consent or its withdrawal (never overwrites an earlier one).</summary>
    public CustomerConsent RecordConsent(ConsentPurpose purpose, bool granted, string source, string? text = null, DateTimeOffset? at = null)
    {
        var consent = new CustomerConsent(BrandId, Id, purpose, granted, at ?? DateTimeOffset.UtcNow, source, text);
        _consents.Add(consent);
        return consent;
    }

    /// <summary>The latest state of a consent purpose.</summary>
    public bool HasConsent(ConsentPurpose purpose) =>
        _consents.Where(c => c.Purpose == purpose).OrderByDescending(c => c.At).FirstOrDefault()?.Granted == true;

    internal static bool IsValidEmail(string email) =>
        email.Length <= 254 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Editable master data of a customer.</summary>
public sealed record CustomerDetails(
    Salutation Salutation,
    string? FirstName,
    string LastName,
    string? CompanyName,
    DateOnly? BirthDate,
    string? Email,
    string? Phone,
    Address PostalAddress,
    Address? BillingAddress = null);
