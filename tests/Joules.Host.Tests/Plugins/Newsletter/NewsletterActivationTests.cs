namespace Joules.Host.Tests.Plugins.Newsletter;

public class NewsletterActivationTests : IClassFixture<NewsletterHost>
{
    private readonly NewsletterHost _app;

    public NewsletterActivationTests(NewsletterHost app) => _app = app;

    [Fact]
    public async Task Shipped_plugin_activates_and_creates_its_tables()
    {
        await _app.WaitUntilActiveAsync();

        await using var connection = _app.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'joules_newsletter_%' ORDER BY name";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        tables.ShouldContain("joules_newsletter_Campaigns");
        tables.ShouldContain("joules_newsletter_Deliveries");
        tables.ShouldContain("joules_newsletter_DailyStats");
    }
}
