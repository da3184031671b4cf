using Joules.Core.Credit;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Joules.Host.Tests.Plugins;

/// <summary>A plugin that declares a credit bureau adapter is asked by the bureau directory while it runs licensed;
/// without a licence the bureau is unavailable, and the check says so instead of deciding.</summary>
public sealed class CreditBureauPluginTests
{
    private static readonly CreditSubject Person = new(CustomerType.Household, Salutation.Ms, "Erika", "Mustermann", null,
        new DateOnly(1980, 5, 1), new Address { Street = "Hauptstraße", HouseNumber = "1", PostalCode = "10115", City = "Berlin" });

    [Fact]
    public async Task A_licensed_bureau_plugin_answers_checks_through_the_directory()
    {
        await using var app = new PluginHost(developmentLicence: true, TestPlugins.Probe);
        app.CreateClient();
        await using var scope = app.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<ICreditBureauDirectory>();

        directory.Available.Select(b => b.Id).ShouldContain("crif");
        var result = await directory.CheckAsync("crif", new CreditCheckRequest(Guid.NewGuid(), Guid.NewGuid(), "crif-score", CreditCheckDepth.Full, Person), default);
        result.RawScore.ShouldBe(300 + "Mustermann".Length * 10);
        await Should.ThrowAsync<CreditBureauUnavailableException>(() =>
            directory.CheckAsync("schufa", new CreditCheckRequest(Guid.NewGuid(), Guid.NewGuid(), "basisscore", CreditCheckDepth.Full, Person), default));
    }

    [Fact]
    public async Task Without_a_licence_the_bureau_is_unavailable_and_the_check_names_it()
    {
        await using var app = new PluginHost(developmentLicence: false, TestPlugins.Probe);
        app.CreateClient();
        await using var scope = app.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<ICreditBureauDirectory>();

        directory.Available.ShouldNotContain(b => b.Id == "crif");
        var e = await Should.ThrowAsync<CreditBureauUnavailableException>(() =>
            directory.CheckAsync("crif", new CreditCheckRequest(Guid.NewGuid(), Guid.NewGuid(), "crif-score", CreditCheckDepth.Full, Person), default));
        e.Message.ShouldContain("CRIF");
    }
}
