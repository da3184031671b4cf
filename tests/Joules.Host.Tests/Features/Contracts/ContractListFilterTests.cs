using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Tariffs;
using Joules.Host.Features.Contracts;

namespace Joules.Host.Tests.Features.Contracts;

public class ContractListFilterTests
{
    [Fact]
    public void Dashboard_link_selects_one_status()
    {
        var filter = ContractListFilter.FromQuery(null, ["NeedsClarification"], null, null, null, null, null);
        filter.StatusList.ShouldBe([ContractStatus.NeedsClarification]);
        filter.ToUrl().ShouldBe("contracts?status=NeedsClarification");
    }

    [Fact]
    public void Every_filter_survives_the_round_trip_through_the_url()
    {
        var partner = Guid.CreateVersion7();
        var brand = Guid.CreateVersion7();
        var filter = new ContractListFilter("V-1", [ContractStatus.Captured, ContractStatus.InSupply], partner, brand, Commodity.Gas,
            new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31));

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x/" + filter.ToUrl()).Query);
        var back = ContractListFilter.FromQuery(query["q"], query["status"].ToArray()!, query["partner"], query["brand"], query["commodity"], query["from"], query["to"]);

        back.SameAs(filter).ShouldBeTrue();
    }

    [Fact]
    public void Unknown_values_in_the_url_are_ignored()
    {
        var filter = ContractListFilter.FromQuery(" ", ["Bogus", "captured", "999"], "not-a-guid", null, "Water", "31.12.2026", null);
        filter.ShouldBe(new ContractListFilter(Statuses: [ContractStatus.Captured]) with { Statuses = filter.Statuses });
        filter.StatusList.ShouldBe([ContractStatus.Captured]);
        filter.Text.ShouldBeNull();
        filter.SalesPartnerId.ShouldBeNull();
        filter.Commodity.ShouldBeNull();
        filter.OrderedFrom.ShouldBeNull();
    }
}
