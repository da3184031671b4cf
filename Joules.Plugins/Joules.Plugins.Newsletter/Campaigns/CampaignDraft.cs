using Joules.Plugins.Newsletter.Model;

namespace Joules.Plugins.Newsletter.Campaigns;

/// <summary>What the editor's parts share: the campaign being edited, its chosen lists and the last validation error.</summary>
public sealed class CampaignDraft
{
    public Campaign Campaign { get; set; } = new();
    public IReadOnlyCollection<long> ListIds { get; set; } = [];
    /// <summary>The field the last error is about (a <see cref="Campaign"/> property name).</summary>
    public string? ErrorField { get; set; }
    public string? Error { get; set; }

    public string? ErrorFor(string field) => ErrorField == field ? Error : null;

    /// <summary>The Liquid variables a campaign can use (besides imported attributes).</summary>
    public static readonly string[] Variables =
    [
        "subscriber.first_name", "subscriber.last_name", "subscriber.email", "subscriber.postal_code", "subscriber.city",
        "brand.name", "unsubscribe_url", "preferences_url",
    ];
}
