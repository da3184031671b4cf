using Joules.Plugins.Newsletter.Shared;

namespace Joules.Plugins.Newsletter.Tests.Shared;

public class LinkScannerTests
{
    private const string Html = """
        <p><a href="https://sonnental.example/tarife?utm=nl&amp;x=1">Tarife</a>
        <a class="btn" HREF='http://sonnental.example/rechner'>Rechner</a>
        <a href="mailto:service@sonnental.example">Mail</a>
        <a href="{{ unsubscribe_url }}">Abmelden</a>
        <a href="https://sonnental.example/kunde?m={{ subscriber.email }}">Konto</a>
        <a name="top">Anker</a>
        <a href="https://sonnental.example/faq">FAQ</a></p>
        """;

    [Fact]
    public void Numbers_only_absolute_http_links_without_liquid_in_document_order()
    {
        var links = LinkScanner.Scan(Html);

        links.Select(l => l.Url).ShouldBe([
            "https://sonnental.example/tarife?utm=nl&x=1",
            "http://sonnental.example/rechner",
            "https://sonnental.example/faq",
        ]);
        links.Select(l => l.Index).ShouldBe([0, 1, 2]);
    }

    [Fact]
    public void Rewrite_replaces_exactly_the_scanned_addresses_and_encodes_them()
    {
        var links = LinkScanner.Scan(Html);

        var rewritten = LinkScanner.Rewrite(Html, links, l => $"https://t.example/c/{l.Index}?a=1&b=2");

        rewritten.ShouldContain("href=\"https://t.example/c/0?a=1&amp;b=2\"");
        rewritten.ShouldContain("HREF='https://t.example/c/1?a=1&amp;b=2'");
        rewritten.ShouldContain("href=\"https://t.example/c/2?a=1&amp;b=2\"");
        rewritten.ShouldContain("href=\"{{ unsubscribe_url }}\"");
        rewritten.ShouldContain("mailto:service@sonnental.example");
        LinkScanner.Scan(rewritten).Count.ShouldBe(3);
    }

    [Fact]
    public void Html_without_links_is_returned_unchanged()
    {
        LinkScanner.Scan("<p>Hallo</p>").ShouldBeEmpty();
        LinkScanner.Rewrite("<p>Hallo</p>", [], _ => "x").ShouldBe("<p>Hallo</p>");
    }
}
