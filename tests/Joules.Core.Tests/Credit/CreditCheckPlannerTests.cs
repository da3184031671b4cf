using System.Globalization;
using Joules.Core.Credit;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Shouldly;

namespace Joules.Core.Tests.Credit;

public sealed class CreditCheckPlannerTests
{
    private static readonly Guid Brand = Guid.NewGuid();

    public CreditCheckPlannerTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");

    [Fact]
    public void Depth_switches_to_the_full_check_exactly_at_the_threshold()
    {
        var settings = CreditCheckSettings.Create(Brand);
        settings.FullCheckFromKwh = 10_000;

        CreditCheckPlanner.Depth(settings, 9_999, null).ShouldBe(CreditCheckDepth.NegativeFeaturesOnly);
        CreditCheckPlanner.Depth(settings, 10_000, null).ShouldBe(CreditCheckDepth.Full);

        settings.FullCheckFromContractValue = 3_000m;
        CreditCheckPlanner.Depth(settings, 2_500, 2_999.99m).ShouldBe(CreditCheckDepth.NegativeFeaturesOnly);
        CreditCheckPlanner.Depth(settings, 2_500, 3_000m).ShouldBe(CreditCheckDepth.Full);

        CreditCheckPlanner.Depth(CreditCheckSettings.Create(Brand), 1, null).ShouldBe(CreditCheckDepth.Full);
    }

    [Fact]
    public void Routes_of_the_country_and_customer_type_give_the_fallback_order()
    {
        var settings = CreditCheckSettings.Create(Brand);
        var routes = new[]
        {
            BureauRoute.Create(Brand, "DE", CustomerType.Household, 2, "schufa", "basisscore"),
            BureauRoute.Create(Brand, "DE", CustomerType.Household, 1, "boniversum", "bonima"),
            BureauRoute.Create(Brand, "AT", CustomerType.Household, 1, "crif", "crif-score"),
            BureauRoute.Create(Brand, "DE", CustomerType.Business, 1, "creditreform", "bonitaetsindex"),
        };

        CreditCheckPlanner.Plan(settings, routes, "DE", CustomerType.Household, 3_500, null).Select(p => p.Bureau).ShouldBe(["boniversum", "schufa"]);
        CreditCheckPlanner.Plan(settings, routes, "AT", CustomerType.Household, 3_500, null).ShouldHaveSingleItem().Bureau.ShouldBe("crif");
        CreditCheckPlanner.Plan(settings, routes, "AT", CustomerType.Business, 3_500, null).ShouldBeEmpty();
    }

    [Fact]
    public void A_route_to_a_bureau_that_does_not_serve_the_country_or_customer_type_is_refused_naming_the_field()
    {
        Should.Throw<DomainException>(BureauRoute.Create(Brand, "DE", CustomerType.Business, 1, "ksv1870", "ksv-rating").Validate).Field.ShouldBe("Country");
        Should.Throw<DomainException>(BureauRoute.Create(Brand, "DE", CustomerType.Business, 1, "schufa", "basisscore").Validate).Field.ShouldBe("Product");
        Should.NotThrow(BureauRoute.Create(Brand, "AT", CustomerType.Business, 1, "ksv1870", "ksv-rating").Validate);
        var settings = CreditCheckSettings.Create(Brand);
        settings.ReuseDays = 400;
        Should.Throw<DomainException>(settings.Validate).Field.ShouldBe("ReuseDays");
    }
}
