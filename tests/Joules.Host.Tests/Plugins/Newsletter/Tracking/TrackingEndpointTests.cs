namespace Joules.Host.Tests.Plugins.Newsletter.Tracking;

public class TrackingEndpointTests : IClassFixture<NewsletterHost>
{
    private const string Root = "plugins/joules.newsletter";
    private readonly NewsletterHost _app;

    public TrackingEndpointTests(NewsletterHost app) => _app = app;

    /// <summary>Events that happened from <paramref name="since"/> on (the demo's history lies in the past).</summary>
    private async Task<long> EventCountAsync(DateTimeOffset since)
    {
        // The writer commits within about 100 ms: give a wrongly recorded hit the time to show up.
        await Task.Delay(500);
        await using var connection = _app.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM joules_newsletter_TrackingEvents WHERE At >= $since";
        command.Parameters.AddWithValue("$since", since.UtcTicks);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("q9Xw3kR0bT5uYp2LmN8vC1zH4sJ6dF7gE0a")]
    [InlineData("short")]
    public async Task Forged_click_token_gets_404_and_no_redirect_over_http(string token)
    {
        await _app.WaitUntilActiveAsync();
        using var http = _app.Http();
        var since = DateTimeOffset.UtcNow;

        using var response = await http.GetAsync($"{Root}/c/{token}");

        ((int)response.StatusCode).ShouldBe(404);
        response.Headers.Location.ShouldBeNull();
        (await EventCountAsync(since)).ShouldBe(0);
    }

    [Fact]
    public async Task Open_pixel_answers_a_transparent_gif_that_is_not_cached()
    {
        await _app.WaitUntilActiveAsync();
        using var http = _app.Http();

        using var response = await http.GetAsync($"{Root}/o/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        ((int)response.StatusCode).ShouldBe(200);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/gif");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBe(43);
    }
}
