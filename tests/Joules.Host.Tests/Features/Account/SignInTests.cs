using System.Net;
using Joules.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Joules.Host.Tests.Features.Account;

public class SignInTests : IClassFixture<SignInTests.DemoApp>
{
    public sealed class DemoApp : JoulesAppFactory
    {
        public DemoApp() { DemoCustomers = 50; }
    }

    private readonly DemoApp _app;

    public SignInTests(DemoApp app) => _app = app;

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_the_sign_in_page()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task Sign_in_page_is_german_by_default()
    {
        var client = _app.CreateClient();
        var html = await client.GetStringAsync("/account/login");
        html.ShouldContain("Benutzername");
        html.ShouldContain("Passwort");
    }
}
