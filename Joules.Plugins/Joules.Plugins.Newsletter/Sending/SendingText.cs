using System.Globalization;
using System.Resources;
using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Model;

namespace Joules.Plugins.Newsletter.Sending;

/// <summary>German/English texts of the sending part (Resources/Sending/SendingText.resx).</summary>
public static class SendingText
{
    private static readonly ResourceManager Resources =
        new("Joules.Plugins.Newsletter.Resources.Sending.SendingText", typeof(SendingText).Assembly);

    public static string Get(string key, CultureInfo? culture = null) =>
        Resources.GetString(key, culture ?? CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), args);

    /// <summary>Texts for a recipient's language ("de" or "en").</summary>
    public static string For(string language, string key) =>
        Get(key, CultureInfo.GetCultureInfo(language == "en" ? "en" : "de"));

    public static string StatusLabel(CampaignStatus status) => Get("Status." + status);

    public static DomainException Error(string key, string? field = null, params object?[] args) =>
        new(args.Length == 0 ? Get(key) : Format(key, args), field);
}
