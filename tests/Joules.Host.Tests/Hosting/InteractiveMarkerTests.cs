using System.Net;
using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Hosting;

/// <summary>Browser tests wait for <c>#joules-interactive</c> before typing or clicking: it must come only with the
/// interactive render, never with the prerendered page (else the wait would pass before the page's handlers exist).</summary>
public sealed class InteractiveMarkerTests : IAsyncLifetime
{
    private readonly JoulesAppFactory _app = new();

    public async Task InitializeAsync()
    {
        _app.CreateClient();
        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            db.Brands.Add(new Brand("MRK", "Marker-Testmarke"));
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task A_prerendered_interactive_page_does_not_carry_the_interactive_marker()
    {
        var response = await _app.CreateClient().GetAsync("/rechner/MRK");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"widget-calculate\"");
        html.ShouldContain("<!--Blazor:{\"type\":\"server\"");
        html.ShouldNotContain("joules-interactive");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
