using Joules.Core.Domain.Plugins;
using Joules.Host.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Plugins.Newsletter.Campaigns;

/// <summary>The shipped plugin in a demo host: the demo-data job loads the newsletter demo of "Stadtwerke Sonnental" on
/// activation, and running it again changes nothing.</summary>
public class NewsletterDemoJobTests : IClassFixture<NewsletterHost>
{
    private readonly NewsletterHost _app;

    public NewsletterDemoJobTests(NewsletterHost app) => _app = app;

    private async Task<IReadOnlyList<JobRun>> RunsAsync()
    {
        IReadOnlyList<JobRun> runs = [];
        await _app.WithScopeAsync(async sp => runs = await sp.GetRequiredService<IJobAdministration>().HistoryAsync(NewsletterHost.PluginId, "demo-data"));
        return runs;
    }

    private async Task<bool> FinishedRunsAtLeastAsync(int count) => (await RunsAsync()).Count(r => r.Outcome is not null) >= count;

    private long Scalar(string sql)
    {
        using var connection = _app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private Dictionary<string, long> Counts() => new()
    {
        ["lists"] = Scalar("SELECT COUNT(*) FROM joules_newsletter_Lists"),
        ["subscribers"] = Scalar("SELECT COUNT(*) FROM joules_newsletter_Subscribers"),
        ["subscriptions"] = Scalar("SELECT COUNT(*) FROM joules_newsletter_Subscriptions"),
        ["campaigns"] = Scalar("SELECT COUNT(*) FROM joules_newsletter_Campaigns WHERE Status = 5"),
        ["deliveries"] = Scalar("SELECT COUNT(*) FROM joules_newsletter_Deliveries"),
        ["links"] = Scalar("SELECT COUNT(*) FROM joules_newsletter_CampaignLinks"),
        ["subscribed"] = Scalar("SELECT COALESCE(SUM(Value), 0) FROM joules_newsletter_DailyStats WHERE Metric = 11"),
        ["sent"] = Scalar("SELECT COALESCE(SUM(Value), 0) FROM joules_newsletter_DailyStats WHERE Metric = 0"),
    };

    [Fact]
    public async Task Demo_job_creates_lists_campaigns_deliveries_and_subscription_stats_once()
    {
        await _app.WaitUntilActiveAsync();
        (await PluginHost.WaitUntilAsync(() => FinishedRunsAtLeastAsync(1), TimeSpan.FromSeconds(120))).ShouldBeTrue("the demo job did not run on activation");
        var first = (await RunsAsync()).First(r => r.Outcome is not null);
        first.Outcome.ShouldBe(JobRunOutcome.Succeeded, first.Message);

        var counts = Counts();
        counts["lists"].ShouldBe(2);
        counts["subscribers"].ShouldBe(2000);
        counts["campaigns"].ShouldBe(2);
        counts["deliveries"].ShouldBeGreaterThan(500);
        counts["sent"].ShouldBe(counts["deliveries"]);
        counts["subscribed"].ShouldBe(Scalar("SELECT COUNT(*) FROM joules_newsletter_Subscriptions WHERE ConfirmedAt IS NOT NULL"));
        Scalar("""
            SELECT COUNT(*) FROM joules_newsletter_Lists l JOIN Brands b ON b.Id = l.BrandId WHERE b.Name = 'Stadtwerke Sonnental'
            """).ShouldBe(2);

        await _app.WithScopeAsync(sp => sp.GetRequiredService<IJobAdministration>().RunNowAsync(NewsletterHost.PluginId, "demo-data"));
        (await PluginHost.WaitUntilAsync(() => FinishedRunsAtLeastAsync(2), TimeSpan.FromSeconds(60))).ShouldBeTrue("the second run did not finish");
        var second = (await RunsAsync()).First(r => r.Outcome is not null);
        second.Outcome.ShouldBe(JobRunOutcome.Succeeded, second.Message);
        second.Message.ShouldBe("Newsletter-Demodaten sind bereits vorhanden");
        Counts().ShouldBe(counts);
    }
}
