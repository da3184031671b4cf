using System.Globalization;
using System.Text;
using Joules.Core.Messaging.Templates;
using Joules.Plugins.Newsletter.Shared;

namespace Joules.Plugins.Newsletter.Analytics;

/// <summary>Which clicks the heatmap shows.</summary>
public enum HeatMode { Total = 0, Unique = 1 }

/// <summary>A link on the heatmap: its number (<see cref="LinkScanner"/>), address, clicks, share and heat colour.</summary>
public sealed record HeatLink(int Index, string Url, long Count, double Share, string Colour);

/// <summary>The mail as sent with every tracked link marked, and the links with their numbers.</summary>
public sealed record HeatmapView(string Html, IReadOnlyList<HeatLink> Links, long TotalClicks);

/// <summary>Builds the click heatmap (MKT-4): the campaign's HTML of one variant, rendered with neutral sample values,
/// every trackable link (numbered by <see cref="LinkScanner"/>, as the sender numbered it) outlined in its heat colour
/// and labelled with a badge "count · share %". The result is shown in a sandboxed iframe (no scripts).</summary>
public static class HeatmapBuilder
{
    /// <summary>Colour stops from few to most clicks (a yellow–red scale readable on white).</summary>
    public static readonly string[] Scale = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];

    /// <summary>The colour of links nobody clicked.</summary>
    public const string NoClicks = "#9e9e9e";

    private static readonly TemplateRenderer Renderer = new();

    /// <summary>Neutral values for the Liquid variables of a mail.</summary>
    public static readonly IReadOnlyDictionary<string, object?> SampleValues = new Dictionary<string, object?>
    {
        ["subscriber.first_name"] = "Erika", ["subscriber.last_name"] = "Mustermann", ["subscriber.name"] = "Erika Mustermann",
        ["subscriber.email"] = "erika.mustermann@example.org", ["subscriber.city"] = "Sonnental", ["subscriber.postal_code"] = "12345",
        ["first_name"] = "Erika", ["last_name"] = "Mustermann", ["name"] = "Erika Mustermann", ["email"] = "erika.mustermann@example.org",
        ["unsubscribe_url"] = "#", ["preferences_url"] = "#", ["web_url"] = "#",
    };

    /// <summary>The heat colour of <paramref name="count"/> clicks when the most-clicked link has <paramref name="max"/>.</summary>
    public static string Colour(long count, long max)
    {
        if (count <= 0 || max <= 0) return NoClicks;
        var t = Math.Clamp((double)count / max, 0, 1);
        var index = (int)Math.Round(t * (Scale.Length - 1), MidpointRounding.AwayFromZero);
        return Scale[index];
    }

    /// <summary>Builds the view of <paramref name="html"/> (the stored HTML of the variant) with the link counts
    /// (<paramref name="clicks"/>: link index → total and unique).</summary>
    public static async Task<HeatmapView> BuildAsync(string html, IReadOnlyDictionary<int, (long Total, long Unique)> clicks, HeatMode mode,
        string language = "de", CancellationToken ct = default)
    {
        html ??= "";
        var scanned = LinkScanner.Scan(html);
        long Count(int index) => clicks.TryGetValue(index, out var c) ? (mode == HeatMode.Unique ? c.Unique : c.Total) : 0;
        var sum = scanned.Sum(l => Count(l.Index));
        var max = scanned.Count == 0 ? 0 : scanned.Max(l => Count(l.Index));
        var culture = CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "de-DE");
        var links = scanned.Select(l =>
        {
            var count = Count(l.Index);
            return new HeatLink(l.Index, l.Url, count, sum == 0 ? 0 : (double)count / sum, Colour(count, max));
        }).ToList();

        var marked = new StringBuilder(html.Length + links.Count * 400);
        var at = 0;
        var style = new StringBuilder();
        foreach (var (link, heat) in scanned.Zip(links))
        {
            var tagStart = html.LastIndexOf("<a", link.ValueStart, StringComparison.OrdinalIgnoreCase);
            if (tagStart < at) continue;
            marked.Append(html, at, tagStart - at);
            var text = string.Create(culture, $"{heat.Count:N0} · {heat.Share * 100:0.#} %");
            var ink = heat.Colour is "#ffffb2" or "#fecc5c" or NoClicks ? "#212121" : "#ffffff";
            marked.Append(CultureInfo.InvariantCulture,
                $"<span class=\"joules-heat\" style=\"position:relative;display:inline-block;width:0;height:0;vertical-align:top\">" +
                $"<span data-heat-link=\"{heat.Index}\" style=\"position:absolute;left:0;top:-1.5em;white-space:nowrap;background:{heat.Colour};color:{ink};" +
                $"font:bold 11px/1.5 Arial,Helvetica,sans-serif;padding:0 6px;border-radius:9px;box-shadow:0 1px 3px rgba(0,0,0,.45);z-index:10\">" +
                $"#{heat.Index + 1} {text}</span></span>");   // digits, separators, "·" and "%" only
            marked.Append(CultureInfo.InvariantCulture, $"<a data-joules-link=\"{heat.Index}\"");
            at = tagStart + 2;
            style.Append(CultureInfo.InvariantCulture,
                $"a[data-joules-link=\"{heat.Index}\"]{{outline:3px solid {heat.Colour};outline-offset:2px;background:{heat.Colour}33}}");
        }
        marked.Append(html, at, html.Length - at);

        string rendered;
        try
        {
            rendered = (await Renderer.RenderAsync("", marked.ToString(), "", SampleValues, language, ct)).Html ?? "";
        }
        catch (TemplateRenderException)
        {
            rendered = marked.ToString();
        }
        var css = $"<style>a{{pointer-events:none}}{style}</style>";
        var head = rendered.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        rendered = head >= 0 ? rendered.Insert(head, css) : css + rendered;
        return new HeatmapView(rendered, links, sum);
    }
}
