using Joules.Plugins.Newsletter.Campaigns;

namespace Joules.Plugins.Newsletter.Tests.Campaigns;

public class PlainTextTests
{
    [Fact]
    public void Keeps_link_addresses_and_line_structure_and_drops_styles()
    {
        var html = """
            <html><head><style>p { color: red }</style></head><body>
            <h1>Hallo {{ subscriber.first_name }}</h1>
            <p>Unser <a href="https://example.com/tarif?x=1&amp;y=2">neuer Tarif</a> ist da.<br>Mehr &amp; mehr.</p>
            <ul><li>Eins</li><li>Zwei</li></ul>
            <p><a href="{{ unsubscribe_url }}">Abmelden</a></p>
            </body></html>
            """;

        PlainText.FromHtml(html).ShouldBe(
            "Hallo {{ subscriber.first_name }}\n\nUnser neuer Tarif (https://example.com/tarif?x=1&y=2) ist da.\nMehr & mehr.\n\n- Eins\n- Zwei\n\nAbmelden ({{ unsubscribe_url }})");
    }
}
