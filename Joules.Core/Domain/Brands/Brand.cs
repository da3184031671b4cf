using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Brands;

/// <summary>A brand is a tenant: it has its own users, tariffs, partners, commissions and branding.</summary>
public sealed class Brand : Entity
{
    private Brand() { }

    public Brand(string code, string name)
    {
        SetCode(code);
        Rename(name);
    }

    /// <summary>Short unique code used in URLs and numbers, e.g. "SWS".</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>Primary colour of the brand's pages, as a CSS hex colour.</summary>
    public string PrimaryColor { get; set; } = "#1E6B52";
    public string? LogoUrl { get; set; }
    public string? LegalName { get; set; }
    public DateTimeOffset CreatedAt { get; private set; } = DateTimeOffset.UtcNow;

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException(CoreText.Get("Brand.NameRequired"), nameof(Name));
        Name = name.Trim();
    }

    private void SetCode(string code)
    {
        code = code.Trim().ToUpperInvariant();
        if (code.Length is < 2 or > 10 || !code.All(char.IsAsciiLetterOrDigit))
            throw new DomainException(CoreText.Get("Brand.CodeInvalid"), nameof(Code));
        Code = code;
    }
}
