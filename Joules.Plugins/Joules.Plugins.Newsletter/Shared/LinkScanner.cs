using System.Text.RegularExpressions;

namespace Joules.Plugins.Newsletter.Shared;

/// <summary>A trackable link in a campaign's HTML: its index among the trackable links (document order), its address,
/// and where the address sits in the HTML (the value of the href attribute, without quotes).</summary>
public sealed record ScannedLink(int Index, string Url, int ValueStart, int ValueLength);

/// <summary>Finds the links of a campaign's HTML that are tracked: <c>&lt;a href="http(s)://…"&gt;</c> whose address has no
/// Liquid (<c>{{ … }}</c> or <c>{% … %}</c>) and is not one of the mail's own unsubscribe/preference links. The sender
/// (rewriting), the stored <c>CampaignLink</c> rows and the heatmap (overlay) all number links with this one scanner.</summary>
public static partial class LinkScanner
{
    [GeneratedRegex("""<a\b[^>]*?\bhref\s*=\s*(?:"(?<v>[^"]*)"|'(?<v>[^']*)')""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchorHref();

    public static IReadOnlyList<ScannedLink> Scan(string html)
    {
        var links = new List<ScannedLink>();
        foreach (Match match in AnchorHref().Matches(html ?? ""))
        {
            var value = match.Groups["v"];
            var url = System.Net.WebUtility.HtmlDecode(value.Value.Trim());
            if (!IsTrackable(url)) continue;
            links.Add(new ScannedLink(links.Count, url, value.Index, value.Length));
        }
        return links;
    }

    /// <summary>Absolute http(s) address without Liquid.</summary>
    public static bool IsTrackable(string url) =>
        (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        && !url.Contains("{{", StringComparison.Ordinal) && !url.Contains("{%", StringComparison.Ordinal)
        && Uri.TryCreate(url, UriKind.Absolute, out _);

    /// <summary>Replaces each scanned link's address with <paramref name="replace"/>(link); the result is HTML-attribute
    /// encoded.</summary>
    public static string Rewrite(string html, IReadOnlyList<ScannedLink> links, Func<ScannedLink, string> replace)
    {
        if (links.Count == 0) return html;
        var sb = new System.Text.StringBuilder(html.Length + links.Count * 64);
        var at = 0;
        foreach (var link in links)
        {
            sb.Append(html, at, link.ValueStart - at);
            sb.Append(System.Net.WebUtility.HtmlEncode(replace(link)));
            at = link.ValueStart + link.ValueLength;
        }
        sb.Append(html, at, html.Length - at);
        return sb.ToString();
    }
}
