using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Joules.Plugins.Newsletter.Campaigns;

/// <summary>Makes the plain-text part of a mail from its HTML: tags removed, block elements become line breaks, link
/// addresses are kept behind the link text ("Tarif ansehen (https://…)"), Liquid is left as it is.</summary>
public static partial class PlainText
{
    [GeneratedRegex(@"<(script|style|head|title)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex("""<a\b[^>]*?\bhref\s*=\s*(?:"(?<u>[^"]*)"|'(?<u>[^']*)')[^>]*>(?<t>.*?)</a\s*>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"<\s*(br|/div|/tr|hr)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<\s*(/p|/h[1-6]|/table|/ul|/ol|/blockquote)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ParagraphEnd();

    [GeneratedRegex(@"<\s*li\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\f\v\u00A0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    public static string FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var text = html.Replace("\r\n", "\n", StringComparison.Ordinal);
        text = Comment().Replace(text, "");
        text = Invisible().Replace(text, "");
        text = text.Replace("\n", " ", StringComparison.Ordinal);
        text = Anchor().Replace(text, m =>
        {
            var url = WebUtility.HtmlDecode(m.Groups["u"].Value.Trim());
            var label = WebUtility.HtmlDecode(Tag().Replace(m.Groups["t"].Value, "")).Trim();
            if (string.IsNullOrEmpty(url) || url.StartsWith('#')) return label;
            if (string.IsNullOrEmpty(label) || label == url) return url;
            return $"{label} ({url})";
        });
        text = ListItem().Replace(text, "\n- ");
        text = ParagraphEnd().Replace(text, "\n\n");
        text = LineBreak().Replace(text, "\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        var lines = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        var sb = new StringBuilder();
        foreach (var line in lines) sb.Append(line).Append('\n');
        return BlankLines().Replace(sb.ToString(), "\n\n").Trim();
    }
}
