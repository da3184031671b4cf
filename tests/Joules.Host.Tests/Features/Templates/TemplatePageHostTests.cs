using System.Net;
using Joules.Host.Tests.Infrastructure;

namespace Joules.Host.Tests.Features.Templates;

public sealed class TemplatePageHostTests(TemplatePageHostTests.DemoApp app) : IClassFixture<TemplatePageHostTests.DemoApp>
{
    public sealed class DemoApp : JoulesAppFactory
    {
        public DemoApp() { DemoCustomers = 20; }
    }

    [Fact]
    public async Task The_templates_page_renders_for_an_administrator_with_its_nav_entry()
    {
        var admin = await SignedInClient.CreateAsync(app);
        var response = await admin.GetAsync("/admin/templates");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Vorlagen");
        html.ShouldContain("contract.status-changed");
        html.ShouldContain("href=\"admin/templates\"");
    }
}
