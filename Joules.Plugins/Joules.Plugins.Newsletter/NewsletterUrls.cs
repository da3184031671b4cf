using Joules.Plugins.Newsletter.Tracking;

namespace Joules.Plugins.Newsletter;

/// <summary>The public addresses in newsletter mails, below a brand's public base address (settings page; for example
/// <c>https://www.stadtwerke-sonnental.de</c>).</summary>
public static class NewsletterUrls
{
    /// <summary>Path of the plugin's endpoints (mapped by the host under <c>/plugins/&lt;id&gt;/</c>).</summary>
    public const string EndpointRoot = "/plugins/" + NewsletterPlugin.Id;

    /// <summary>Open pixel (1×1 GIF).</summary>
    public static string Open(string baseUrl, string token) => $"{Trim(baseUrl)}{EndpointRoot}/o/{token}";

    /// <summary>Click redirect (302 to the link of the mail the token was made for).</summary>
    public static string Click(string baseUrl, string token) => $"{Trim(baseUrl)}{EndpointRoot}/c/{token}";

    /// <summary>Unsubscribe: GET shows a confirmation page, POST (RFC 8058 one-click) unsubscribes at once.</summary>
    public static string Unsubscribe(string baseUrl, string token) => $"{Trim(baseUrl)}{EndpointRoot}/u/{token}";

    /// <summary>The subscriber's preference centre (a page).</summary>
    public static string Preferences(string baseUrl, string token) => $"{Trim(baseUrl)}/newsletter/profil/{token}";

    /// <summary>Double opt-in confirmation link (a page).</summary>
    public static string Confirm(string baseUrl, string token) => $"{Trim(baseUrl)}/newsletter/bestaetigen/{token}";

    /// <summary>The page a GET of the unsubscribe link leads to: asks before unsubscribing.</summary>
    public static string UnsubscribePage(string baseUrl, string token) => $"{Trim(baseUrl)}/newsletter/abmelden/{token}";

    /// <summary>The brand's public subscribe form (a page).</summary>
    public static string SubscribeForm(string baseUrl, string brandCode) => $"{Trim(baseUrl)}/newsletter/anmelden/{Uri.EscapeDataString(brandCode)}";

    private static string Trim(string baseUrl) => baseUrl.TrimEnd('/');
}
