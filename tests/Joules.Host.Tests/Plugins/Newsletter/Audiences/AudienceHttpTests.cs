using System.Net;
using System.Text.RegularExpressions;
using Joules.Core.Tenancy;
using Joules.Host.Features.SentMail;
using Joules.Host.Plugins.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Plugins.Newsletter.Audiences;

/// <summary>The public audience pages and endpoints of the shipped newsletter plugin over real HTTP: double opt-in with the
/// confirmation mail through the development mailbox (real SMTP), and RFC 8058 one-click unsubscribe.</summary>
public partial class AudienceHttpTests(NewsletterHost host) : IClassFixture<NewsletterHost>
{
    private const string Agent = "Mozilla/5.0 (Linux; Android 14) JoulesTest/1.0";

    [Fact]
    public async Task Double_opt_in_end_to_end_records_ip_user_agent_consent_text_and_confirmation()
    {
        await host.WaitUntilActiveAsync();
        var (brandId, listId) = await CreateListAsync("Kundennewsletter E2E", "Ja, ich möchte den Kundennewsletter E2E per E-Mail erhalten.");
        using var http = host.Http();
        http.DefaultRequestHeaders.UserAgent.ParseAdd(Agent);

        var form = await http.GetAsync("newsletter/anmelden/sws");
        form.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync());
        page.ShouldContain("Ja, ich möchte den Kundennewsletter E2E per E-Mail erhalten.");
        page.ShouldContain("TDDDG");
        var antiforgery = AntiforgeryField().Match(page).Groups[1].Value;
        antiforgery.ShouldNotBeNullOrEmpty();

        var posted = await PostSubscribeAsync(http, page, listId, "Doi.Kundin@Example.test", ("firstName", "Dora"), ("tracking", "yes"));
        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await posted.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"check-inbox\"");

        var mail = await WaitForMailAsync("doi.kundin@example.test");
        mail.Subject.ShouldContain("bestätigen");
        mail.Text.ShouldNotBeNull().ShouldContain("Kundennewsletter E2E");
        mail.Html.ShouldNotBeNull().ShouldNotContain("<img");
        var link = ConfirmLink().Match(mail.Text!).Value;
        link.ShouldNotBeNullOrEmpty();

        await using (var db = host.OpenDatabase())
            Scalar<long>(db, "SELECT Status FROM joules_newsletter_Subscriptions WHERE ListId = $l", listId).ShouldBe(0);   // unconfirmed until the click

        // Opening the link (as a link scanner would) only asks; the button's POST confirms and comes back to the page.
        var opened = await http.GetAsync(new Uri(link).PathAndQuery.TrimStart('/'));
        opened.StatusCode.ShouldBe(HttpStatusCode.OK);
        var question = await opened.Content.ReadAsStringAsync();
        question.ShouldContain("data-testid=\"confirm-form\"");
        question.ShouldContain("Kundennewsletter E2E");
        await using (var db = host.OpenDatabase())
            Scalar<long>(db, "SELECT Status FROM joules_newsletter_Subscriptions WHERE ListId = $l", listId).ShouldBe(0);   // a GET confirms nothing
        var action = ConfirmAction().Match(question).Groups[1].Value;
        action.ShouldNotBeNullOrEmpty();
        var pressed = await http.PostAsync(action.TrimStart('/'), null);
        pressed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var back = pressed.Headers.Location.ShouldNotBeNull().OriginalString;
        back.ShouldBe(new Uri(link).AbsolutePath);
        var confirmed = await http.GetAsync(back.TrimStart('/'));
        (await confirmed.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"confirmed\"");
        (await http.PostAsync(action.TrimStart('/').Replace("/confirm/", "/confirm/x"), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using (var db = host.OpenDatabase())
        {
            using var command = db.CreateCommand();
            command.CommandText = """
                SELECT s.Status, s.ConsentIp, s.ConsentUserAgent, s.ConsentText, s.ConfirmedAt, s.ConfirmedIp, s.Source, p.Email, p.TrackingConsent, p.BrandId
                FROM joules_newsletter_Subscriptions s JOIN joules_newsletter_Subscribers p ON p.Id = s.SubscriberId WHERE s.ListId = $l
                """;
            command.Parameters.AddWithValue("$l", listId);
            using var row = command.ExecuteReader();
            row.Read().ShouldBeTrue();
            row.GetInt64(0).ShouldBe(1);                                  // Confirmed
            row.GetString(1).ShouldBe("127.0.0.1");
            row.GetString(2).ShouldBe(Agent);
            row.GetString(3).ShouldBe("Ja, ich möchte den Kundennewsletter E2E per E-Mail erhalten.");
            row.IsDBNull(4).ShouldBeFalse();
            row.GetString(5).ShouldBe("127.0.0.1");
            row.GetString(6).ShouldBe("form:anmelden");
            row.GetString(7).ShouldBe("doi.kundin@example.test");
            row.GetInt64(8).ShouldBe(1);
            row.GetString(9).ShouldBe(brandId, StringCompareShould.IgnoreCase);
            row.Read().ShouldBeFalse();
        }
    }

    [Fact]
    public async Task Preference_centre_leaves_a_list_and_rejoins_it_with_the_proof_of_the_request()
    {
        await host.WaitUntilActiveAsync();
        var (_, listId) = await CreateListAsync("Profilliste E2E", "Ja, Profilliste.");
        using var http = host.Http();
        http.DefaultRequestHeaders.UserAgent.ParseAdd(Agent);
        var form = WebUtility.HtmlDecode(await http.GetStringAsync("newsletter/anmelden/sws"));
        (await PostSubscribeAsync(http, form, listId, "profil.kunde@example.test")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var link = ConfirmLink().Match((await WaitForMailAsync("profil.kunde@example.test")).Text!).Value;
        var confirmed = await ConfirmAsync(http, link);
        var preferences = PreferencesLink().Match(confirmed).Value;
        preferences.ShouldNotBeNullOrEmpty();

        var page = WebUtility.HtmlDecode(await http.GetStringAsync(preferences.TrimStart('/')));
        page.ShouldContain("profil.kunde@example.test");
        page.ShouldContain($"unsub:{listId}");
        var left = WebUtility.HtmlDecode(await PostPreferencesAsync(http, preferences, page, $"unsub:{listId}"));
        left.ShouldContain("Sie wurden abgemeldet.");
        left.ShouldContain($"resub:{listId}");
        await using (var db = host.OpenDatabase())
            Scalar<long>(db, "SELECT Status FROM joules_newsletter_Subscriptions WHERE ListId = $l", listId).ShouldBe(2);   // Unsubscribed

        using var other = host.Http();
        other.DefaultRequestHeaders.UserAgent.ParseAdd("JoulesTest/2.0 (Profil)");
        var otherPage = WebUtility.HtmlDecode(await other.GetStringAsync(preferences.TrimStart('/')));
        var joined = WebUtility.HtmlDecode(await PostPreferencesAsync(other, preferences, otherPage, $"resub:{listId}"));
        joined.ShouldContain("Bitte bestätigen Sie die Anmeldung");
        await using (var db = host.OpenDatabase())
        {
            Scalar<long>(db, "SELECT Status FROM joules_newsletter_Subscriptions WHERE ListId = $l", listId).ShouldBe(0);   // Unconfirmed again
            Scalar<string>(db, "SELECT ConsentUserAgent FROM joules_newsletter_Subscriptions WHERE ListId = $l", listId).ShouldBe("JoulesTest/2.0 (Profil)");
            Scalar<string>(db, "SELECT ConsentIp FROM joules_newsletter_Subscriptions WHERE ListId = $l", listId).ShouldBe("127.0.0.1");
            Scalar<string>(db, "SELECT Source FROM joules_newsletter_Subscriptions WHERE ListId = $l", listId).ShouldBe("preferences");
        }
    }

    /// <summary>Submits the subscribe form <paramref name="page"/> (its antiforgery token) for one list; the bot trap stays empty.</summary>
    private static Task<HttpResponseMessage> PostSubscribeAsync(HttpClient http, string page, long listId, string email, params (string Name, string Value)[] more)
    {
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "newsletter-subscribe",
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
            ["email"] = email,
            ["list"] = listId.ToString(),
            ["website"] = "",
        };
        foreach (var (name, value) in more) fields[name] = value;
        return http.PostAsync("newsletter/anmelden/sws", new FormUrlEncodedContent(fields));
    }

    private static async Task<string> PostPreferencesAsync(HttpClient http, string path, string page, string action)
    {
        var response = await http.PostAsync(path.TrimStart('/'), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "newsletter-preferences",
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
            ["action"] = action,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Subscribe_form_of_an_unknown_brand_answers_404_with_the_not_found_page_and_no_fields()
    {
        await host.WaitUntilActiveAsync();
        using var http = host.Http();
        var response = await http.GetAsync("newsletter/anmelden/GIBTSNICHT");
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"not-found\"");
        html.ShouldContain("/newsletter/anmelden/GIBTSNICHT");
        html.ShouldNotContain("name=\"email\"");
    }

    [Fact]
    public async Task One_click_POST_unsubscribes_while_GET_changes_nothing_and_leads_to_the_confirmation_page()
    {
        await host.WaitUntilActiveAsync();
        var (brandId, listId) = await CreateListAsync("Kampagnenliste 8058", "Ja, Kampagnen.");
        long subscriberId, campaignId;
        await using (var db = host.OpenDatabase())
        {
            var now = DateTimeOffset.UtcNow.UtcTicks;
            subscriberId = Insert(db, """
                INSERT INTO joules_newsletter_Subscribers (BrandId, Email, Language, Source, TrackingConsent, CreatedAt)
                VALUES ($b, 'one.click@example.test', 'de', 0, 0, $t)
                """, ("$b", brandId), ("$t", now));
            Insert(db, """
                INSERT INTO joules_newsletter_Subscriptions (BrandId, SubscriberId, ListId, Status, LegalBasis, Source, ConsentGivenAt, ObjectionNoticeGiven)
                VALUES ($b, $s, $l, 1, 0, 'form:anmelden', $t, 0)
                """, ("$b", brandId), ("$s", subscriberId), ("$l", listId), ("$t", now));
            campaignId = Insert(db, """
                INSERT INTO joules_newsletter_Campaigns (BrandId, Name, Subject, HtmlBody, TextBody, Status, CreatedAt, CreatedBy, UpdatedAt, AbTest,
                    AbSamplePercent, AbWaitMinutes, Phase, CheckpointSubscriberId, ToSend, SentCount, FailedCount)
                VALUES ($b, 'RFC 8058', 'News', '<p>x</p>', 'x', 5, $t, 'test', $t, 0, 20, 240, 0, 0, 0, 0, 0)
                """, ("$b", brandId), ("$t", now));
            Insert(db, "INSERT INTO joules_newsletter_CampaignLists (CampaignId, ListId) VALUES ($c, $l)", ("$c", campaignId), ("$l", listId));
        }
        var token = await UnsubscribeTokenAsync(campaignId, subscriberId);
        using var http = host.Http();

        var get = await http.GetAsync($"plugins/joules.newsletter/u/{token}");
        get.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        get.Headers.Location!.ToString().ShouldEndWith($"/newsletter/abmelden/{token}");
        await using (var db = host.OpenDatabase())
            Scalar<long>(db, "SELECT Status FROM joules_newsletter_Subscriptions WHERE ListId = $l", listId).ShouldBe(1);   // still confirmed
        var confirmationPage = await http.GetAsync($"newsletter/abmelden/{token}");
        confirmationPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await confirmationPage.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"unsubscribe-form\"");
        html.ShouldContain($"action=\"/plugins/joules.newsletter/u/{token}\"");
        await using (var db = host.OpenDatabase())
            Scalar<long>(db, "SELECT Status FROM joules_newsletter_Subscriptions WHERE ListId = $l", listId).ShouldBe(1);

        var forged = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];
        var rejected = await http.PostAsync($"plugins/joules.newsletter/u/{forged}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        rejected.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using (var db = host.OpenDatabase())
            Scalar<long>(db, "SELECT Status FROM joules_newsletter_Subscriptions WHERE ListId = $l", listId).ShouldBe(1);

        var post = await http.PostAsync($"plugins/joules.newsletter/u/{token}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        post.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using (var db = host.OpenDatabase())
        {
            Scalar<long>(db, "SELECT Status FROM joules_newsletter_Subscriptions WHERE ListId = $l", listId).ShouldBe(2);
            Scalar<string>(db, "SELECT UnsubscribeChannel FROM joules_newsletter_Subscriptions WHERE ListId = $l", listId).ShouldBe("one-click");
            Scalar<long>(db, "SELECT COALESCE(SUM(Value), 0) FROM joules_newsletter_DailyStats WHERE Metric = 10 AND ListId = $l", listId).ShouldBe(1);
        }
    }

    private async Task<(string BrandId, long ListId)> CreateListAsync(string name, string consent)
    {
        await using var db = host.OpenDatabase();
        var brandId = Scalar<string>(db, "SELECT Id FROM Brands WHERE Code = 'SWS'", 0);
        var listId = Insert(db, """
            INSERT INTO joules_newsletter_Lists (BrandId, Name, LegalBasis, Public, ConsentText, ConsentTextVersion, Archived, CreatedAt)
            VALUES ($b, $n, 0, 1, $c, 1, 0, $t)
            """, ("$b", brandId), ("$n", name), ("$c", consent), ("$t", DateTimeOffset.UtcNow.UtcTicks));
        return (brandId, listId);
    }

    /// <summary>A real unsubscribe token from the running plugin's signer (the plugin's types live in its own load context).</summary>
    private async Task<string> UnsubscribeTokenAsync(long campaignId, long subscriberId)
    {
        var plugin = host.Services.GetRequiredService<PluginRegistry>().Find(NewsletterHost.PluginId).ShouldNotBeNull();
        var assembly = plugin.Assembly.ShouldNotBeNull();
        var signerType = assembly.GetType("Joules.Plugins.Newsletter.Tracking.TokenSigner", throwOnError: true)!;
        var tokenType = assembly.GetType("Joules.Plugins.Newsletter.Tracking.TrackingToken", throwOnError: true)!;
        var purposeType = assembly.GetType("Joules.Plugins.Newsletter.Tracking.TokenPurpose", throwOnError: true)!;
        var signer = plugin.Services.ShouldNotBeNull().GetService(signerType).ShouldNotBeNull();
        await (ValueTask)signerType.GetMethod("InitialiseAsync")!.Invoke(signer, [CancellationToken.None])!;
        var token = Activator.CreateInstance(tokenType, Enum.ToObject(purposeType, 3), campaignId, subscriberId, (byte)0, 0);
        return (string)signerType.GetMethod("Create")!.Invoke(signer, [token])!;
    }

    private async Task<SentMailDetail> WaitForMailAsync(string to)
    {
        SentMailDetail? found = null;
        var arrived = await PluginHost.WaitUntilAsync(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("test");
            var mailbox = scope.ServiceProvider.GetRequiredService<SentMailbox>();
            var (items, _) = await mailbox.SearchAsync(to, 0, 10);
            if (items.Count == 0) return false;
            found = await mailbox.DetailAsync(items[0].Id);
            return found is not null;
        }, TimeSpan.FromSeconds(30));
        arrived.ShouldBeTrue($"no mail to {to} arrived");
        return found!;
    }

    private static long Insert(SqliteConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql + "; SELECT last_insert_rowid();";
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (long)command.ExecuteScalar()!;
    }

    private static T Scalar<T>(SqliteConnection db, string sql, long parameter)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$l", parameter);
        return (T)command.ExecuteScalar()!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Opens a confirmation link and presses the page's button; returns the page it leads back to.</summary>
    private static async Task<string> ConfirmAsync(HttpClient http, string link)
    {
        var question = await http.GetStringAsync(new Uri(link).PathAndQuery.TrimStart('/'));
        var pressed = await http.PostAsync(ConfirmAction().Match(question).Groups[1].Value.TrimStart('/'), null);
        pressed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await http.GetStringAsync(pressed.Headers.Location.ShouldNotBeNull().OriginalString.TrimStart('/'));
    }

    [GeneratedRegex(@"https?://\S+/newsletter/bestaetigen/[A-Za-z0-9_-]{35}")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex("<form method=\"post\" action=\"(/plugins/joules\\.newsletter/confirm/[A-Za-z0-9_-]{35})\"")]
    private static partial Regex ConfirmAction();

    [GeneratedRegex("/newsletter/profil/[A-Za-z0-9_-]{35}")]
    private static partial Regex PreferencesLink();
}
