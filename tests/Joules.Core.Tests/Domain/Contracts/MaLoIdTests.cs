using Joules.Core.Domain.Contracts;

namespace Joules.Core.Tests.Domain.Contracts;

public class MaLoIdTests
{
    // Vectors of domain.md Appendix B: BDEW check digit, with the (wrong) Luhn digit for contrast.
    [Theory]
    [InlineData("4137355924", 1, 8)]
    [InlineData("5123869678", 1, 8)]
    [InlineData("1000000000", 9, 9)]
    [InlineData("4999999999", 0, 5)]
    [InlineData("5555555555", 5, 0)]
    [InlineData("9876543210", 5, 3)]
    [InlineData("4000000019", 7, 6)]
    public void Computes_the_BDEW_check_digit_not_Luhn(string firstTen, int expected, int luhn)
    {
        MaLoId.CheckDigit(firstTen).ShouldBe(expected);
        MaLoId.IsValid(firstTen + expected).ShouldBeTrue();
        if (luhn != expected) MaLoId.IsValid(firstTen + luhn).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4137355924")]
    [InlineData("413735592411")]
    [InlineData("01373559241")]
    [InlineData("4137355924A")]
    [InlineData("41373559242")]
    public void Rejects_malformed_ids(string? id) => MaLoId.IsValid(id).ShouldBeFalse();
}
