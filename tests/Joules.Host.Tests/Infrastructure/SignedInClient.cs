using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Joules.Host.Tests.Infrastructure;

/// <summary>An HTTP client signed in through the real sign-in form (cookie and antiforgery token included).</summary>
public static partial class SignedInClient
{
    public const string DemoPassword = "Joules-Demo-2026";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static async Task<HttpClient> CreateAsync(WebApplicationFactory<Program> app, string userName = "admin")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/account/login");
        var token = TokenPattern().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = DemoPassword,
        }));
        if ((int)response.StatusCode is not (302 or 303))
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        return client;
    }
}
