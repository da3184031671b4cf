using Joules.Core.Domain.Credit;
using Joules.Simulators.Bureaus;
using Shouldly;

namespace Joules.Host.Tests.Simulators;

/// <summary>The simulator plays the bureaus from outside, so it keeps its own table; it must answer on the scales the
/// engine decides with.</summary>
public sealed class BureauCatalogueAgreementTests
{
    [Fact]
    public void The_simulator_answers_every_bureau_product_on_the_scale_and_in_the_direction_and_countries_the_engine_knows()
    {
        BureauCatalogue.All.Select(b => b.Code).Order().ShouldBe(Bureaus.All.Select(b => b.Id).Order());
        foreach (var bureau in Bureaus.All)
        {
            var simulated = BureauCatalogue.Find(bureau.Id).ShouldNotBeNull();
            simulated.Countries.Order().ShouldBe(bureau.Countries.Order(), bureau.Id);
            foreach (var product in bureau.Products)
            {
                var p = simulated.Product(product.Id).ShouldNotBeNull($"{bureau.Id}/{product.Id}");
                (p.Scale.From, p.Scale.To, p.HigherIsBetter).ShouldBe((product.Scale.Min, product.Scale.Max, product.Scale.HigherIsBetter), $"{bureau.Id}/{product.Id}");
            }
        }
    }
}
