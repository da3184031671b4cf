using Joules.Core.Credit;
using Joules.Core.Domain.Credit;

namespace Joules.TestPlugins.Probe;

/// <summary>Answers CRIF checks without a network: the score is 300 plus the length of the last name times ten, and the
/// last name "Negativ" has a negative feature.</summary>
public sealed class ProbeBureau : ICreditBureau
{
    public BureauDescriptor Descriptor => Bureaus.Crif;

    public Task<BureauResult> CheckAsync(CreditCheckRequest request, CancellationToken ct)
    {
        var negative = request.Subject.LastName == "Negativ";
        return Task.FromResult(new BureauResult("crif", request.Product, negative ? null : 300 + request.Subject.LastName.Length * 10, null,
            negative ? ["INKASSO"] : [], null, DateTimeOffset.UtcNow, new string('a', 64)));
    }
}
