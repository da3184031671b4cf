using System.Globalization;
using Joules.Core.Domain.Common;
using Joules.Core.Messaging.Sms;
using Shouldly;

namespace Joules.Core.Tests.Messaging;

public sealed class PhoneNumbersTests
{
    public PhoneNumbersTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    [Theory]
    [InlineData("0171 123 45-67", "DE", "+491711234567")]
    [InlineData("0171/1234567", "DE", "+491711234567")]
    [InlineData("+49 (0)171 1234567", "DE", "+491711234567")]
    [InlineData("+49(0)171-123 45 67", "AT", "+491711234567")]
    [InlineData("0049 171 1234567", "DE", "+491711234567")]
    [InlineData("+49 171 1234567", "DE", "+491711234567")]
    [InlineData("+49 0171 1234567", "DE", "+491711234567")]
    [InlineData("0043 664 1234567", "DE", "+436641234567")]
    [InlineData("0664 1234567", "AT", "+436641234567")]
    [InlineData("+41 79 123 45 67", "DE", "+41791234567")]
    [InlineData("(030) 123 456 78", "DE", "+493012345678")]
    [InlineData("(0)171 1234567", "DE", "+491711234567")]
    [InlineData("+43 (0)664 1234567", "DE", "+436641234567")]
    [InlineData("  0171.1234567  ", "de", "+491711234567")]
    public void Typed_numbers_become_E164(string input, string country, string expected)
    {
        PhoneNumbers.TryNormalize(input, country, out var e164, out var error).ShouldBeTrue(error);
        e164.ShouldBe(expected);
        PhoneNumbers.IsE164(e164).ShouldBeTrue();
    }

    [Theory]
    [InlineData("0171 123x4567", "x")]
    [InlineData("0171-ABC", "A")]
    [InlineData("+49 171 +1234567", "+")]
    [InlineData("0171_1234567", "_")]
    public void Invalid_characters_are_named(string input, string character)
    {
        PhoneNumbers.TryNormalize(input, "DE", out _, out var error).ShouldBeFalse();
        error.ShouldContain($"„{character}“");
    }

    [Theory]
    [InlineData("0171 12")]
    [InlineData("+49 171")]
    [InlineData("+49 171 1234 5678 90123")]
    public void Numbers_of_the_wrong_length_are_refused(string input)
    {
        PhoneNumbers.TryNormalize(input, "DE", out _, out var error).ShouldBeFalse();
        error.ShouldContain("Länge");
    }

    [Fact]
    public void Empty_and_prefixless_numbers_are_refused_with_a_reason()
    {
        PhoneNumbers.TryNormalize("  ", "DE", out _, out var empty).ShouldBeFalse();
        empty.ShouldContain("Telefonnummer");
        PhoneNumbers.TryNormalize("171 1234567", "DE", out _, out var noPrefix).ShouldBeFalse();
        noPrefix.ShouldContain("Vorwahl");
        PhoneNumbers.TryNormalize("0171 1234567", "FR", out _, out var noCountry).ShouldBeFalse();
        noCountry.ShouldContain("Land");
        PhoneNumbers.TryNormalize("+0171 1234567", "DE", out _, out var badCountryCode).ShouldBeFalse();
        badCountryCode.ShouldContain("Ländervorwahl");
    }

    [Fact]
    public void Normalize_throws_a_domain_exception_for_the_phone_field()
    {
        PhoneNumbers.Normalize("0171 1234567").ShouldBe("+491711234567");
        var error = Should.Throw<DomainException>(() => PhoneNumbers.Normalize("abc"));
        error.Field.ShouldBe("Phone");
    }

    [Theory]
    [InlineData("+491711234567", true)]
    [InlineData("491711234567", false)]
    [InlineData("+0171123456", false)]
    [InlineData("+49 171 1234567", false)]
    [InlineData("+4917", false)]
    public void IsE164_checks_the_normalised_form(string value, bool expected) => PhoneNumbers.IsE164(value).ShouldBe(expected);
}
