using Joules.Core.Data;
using Joules.Core.Tenancy;
using Joules.Host.Features.SentMail;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Plugins.Newsletter.Sending;

/// <summary>The shipped plugin's dispatch job in a real host: a campaign left in "Sending" (as after a crash) is resumed and
/// its mails reach the development mailbox with the unsubscribe headers.</summary>
public class CampaignDispatchTests : IClassFixture<NewsletterHost>
{
    private readonly NewsletterHost _app;

    public CampaignDispatchTests(NewsletterHost app) => _app = app;

    [Fact]
    public async Task Campaign_left_sending_is_resumed_by_the_dispatch_job_and_reaches_every_recipient_once()
    {
        await _app.WaitUntilActiveAsync();
        var brandId = "";
        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            brandId = (await db.Brands.AsNoTracking().OrderBy(b => b.Name).Select(b => b.Id).FirstAsync()).ToString().ToUpperInvariant();
        });
        long campaignId;
        await using (var connection = _app.OpenDatabase())
        {
            var now = DateTimeOffset.UtcNow.UtcTicks;
            var listId = Scalar(connection, "INSERT INTO joules_newsletter_Lists (BrandId, Name, LegalBasis, Public, ConsentText, ConsentTextVersion, Archived, CreatedAt) "
                + "VALUES ($b, 'Host-Test', 0, 0, 'Ja', 1, 0, $t) RETURNING Id", ("$b", brandId), ("$t", now));
            for (var i = 1; i <= 3; i++)
            {
                var subscriberId = Scalar(connection, "INSERT INTO joules_newsletter_Subscribers (BrandId, Email, FirstName, Language, Source, TrackingConsent, CreatedAt) "
                    + "VALUES ($b, $e, $f, 'de', 1, 1, $t) RETURNING Id", ("$b", brandId), ("$e", $"host-nl-{i}@example.test"), ("$f", $"Leser{i}"), ("$t", now));
                Scalar(connection, "INSERT INTO joules_newsletter_Subscriptions (BrandId, SubscriberId, ListId, Status, LegalBasis, Source, ConsentGivenAt, ObjectionNoticeGiven) "
                    + "VALUES ($b, $s, $l, 1, 0, 'test', $t, 0) RETURNING Id", ("$b", brandId), ("$s", subscriberId), ("$l", listId), ("$t", now));
            }
            campaignId = Scalar(connection, "INSERT INTO joules_newsletter_Campaigns (BrandId, Name, Subject, HtmlBody, TextBody, Status, StartedAt, CreatedAt, CreatedBy, "
                + "UpdatedAt, AbTest, AbSamplePercent, AbWaitMinutes, Phase, CheckpointSubscriberId, ToSend, SentCount, FailedCount) "
                + "VALUES ($b, 'Host-Test', 'Hallo {{ subscriber.first_name }}', '<p><a href=\"https://www.example.test/\">Tarife</a></p>', 'Hallo', 0, $t, $t, 'test', "
                + "$t, 0, 20, 240, 0, 0, 0, 0, 0) RETURNING Id", ("$b", brandId), ("$t", now));
            Scalar(connection, "INSERT INTO joules_newsletter_CampaignLists (CampaignId, ListId) VALUES ($c, $l) RETURNING CampaignId", ("$c", campaignId), ("$l", listId));
            // Left in "Sending" only once it is complete: the dispatch job runs every 10 s and would otherwise resume a
            // campaign without its list (no recipients, "Sent" with no deliveries).
            Scalar(connection, "UPDATE joules_newsletter_Campaigns SET Status = 2 WHERE Id = $c RETURNING Id", ("$c", campaignId));
        }

        var sent = await NewsletterHost.WaitUntilAsync(async () =>
        {
            await using var connection = _app.OpenDatabase();
            return Scalar(connection, "SELECT Status FROM joules_newsletter_Campaigns WHERE Id = $c", ("$c", campaignId)) == 5;
        }, TimeSpan.FromSeconds(90));
        sent.ShouldBeTrue("the campaign was not sent by the dispatch job");

        await using (var connection = _app.OpenDatabase())
            Scalar(connection, "SELECT COUNT(*) FROM joules_newsletter_Deliveries WHERE CampaignId = $c AND Status = 0", ("$c", campaignId)).ShouldBe(3);
        await _app.WithScopeAsync(async s =>
        {
            s.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("test");
            var mailbox = s.GetRequiredService<SentMailbox>();
            for (var i = 1; i <= 3; i++)
            {
                var (items, total) = await mailbox.SearchAsync($"host-nl-{i}@", 0, 25);
                total.ShouldBe(1);
                items[0].Subject.ShouldBe($"Hallo Leser{i}");
                var detail = (await mailbox.DetailAsync(items[0].Id)).ShouldNotBeNull();
                detail.Html.ShouldNotBeNull().ShouldContain("/plugins/joules.newsletter/c/");
            }
        });
    }

    private static long Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
