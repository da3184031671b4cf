using Joules.Plugins.Newsletter.Analytics;

namespace Joules.Plugins.Newsletter.Tests.Analytics;

public class HeatmapBuilderTests
{
    private const string Mail = """
        <html><head><title>Herbst</title></head><body>
        <p>Hallo {{ subscriber.first_name }},</p>
        <a href="https://www.stadtwerke-sonnental.de/herbst">Herbstangebote</a>
        <a class="btn" href='https://www.stadtwerke-sonnental.de/waermepumpe'>Wärmepumpe</a>
        <a href="{{ unsubscribe_url }}">Abmelden</a>
        <a href="https://www.stadtwerke-sonnental.de/kontakt">Kontakt</a>
        </body></html>
        """;

    [Fact]
    public async Task Every_tracked_link_gets_its_count_and_share_and_a_heat_colour()
    {
        var clicks = new Dictionary<int, (long Total, long Unique)> { [0] = (30, 12), [1] = (10, 8) };

        var view = await HeatmapBuilder.BuildAsync(Mail, clicks, HeatMode.Total);

        view.TotalClicks.ShouldBe(40);
        view.Links.Select(l => (l.Index, l.Count)).ShouldBe([(0, 30L), (1, 10L), (2, 0L)]);
        view.Links[0].Share.ShouldBe(0.75);
        view.Links[1].Share.ShouldBe(0.25);
        view.Links[0].Colour.ShouldBe(HeatmapBuilder.Scale[^1]);
        view.Links[2].Colour.ShouldBe(HeatmapBuilder.NoClicks);
        view.Html.ShouldContain("#1 30 · 75 %");
        view.Html.ShouldContain("#2 10 · 25 %");
        view.Html.ShouldContain("#3 0 · 0 %");
        view.Html.ShouldContain("data-joules-link=\"1\" class=\"btn\"");
        // The unsubscribe link (Liquid) is not a tracked link; sample values fill the variables.
        view.Html.ShouldNotContain("data-joules-link=\"3\"");
        view.Html.ShouldContain("Hallo Erika");
        view.Html.IndexOf("<style>", StringComparison.Ordinal).ShouldBeLessThan(view.Html.IndexOf("</head>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unique_mode_shows_unique_clicks_and_their_shares()
    {
        var clicks = new Dictionary<int, (long Total, long Unique)> { [0] = (30, 12), [1] = (10, 8), [2] = (5, 0) };

        var view = await HeatmapBuilder.BuildAsync(Mail, clicks, HeatMode.Unique);

        view.TotalClicks.ShouldBe(20);
        view.Links.Select(l => l.Count).ShouldBe([12L, 8L, 0L]);
        view.Links[0].Share.ShouldBe(0.6);
        view.Html.ShouldContain("#1 12 · 60 %");
    }

    [Fact]
    public async Task Without_clicks_every_link_is_grey_and_the_total_is_zero()
    {
        var view = await HeatmapBuilder.BuildAsync(Mail, new Dictionary<int, (long, long)>(), HeatMode.Total);

        view.TotalClicks.ShouldBe(0);
        view.Links.ShouldAllBe(l => l.Colour == HeatmapBuilder.NoClicks && l.Share == 0);
    }
}
