using System.Globalization;
using Joules.Plugins.Newsletter.Model;

namespace Joules.Plugins.Newsletter.Analytics;

/// <summary>The report of a sent campaign (MKT-3), read from the roll-ups.</summary>
public partial class CampaignReportPage
{
    private CampaignReportData? _report;

    protected override async Task LoadAsync(NewsletterDb db, Campaign? campaign) =>
        _report = campaign is null ? null : await CampaignReport.LoadAsync(db, campaign);

    private static string N(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static string P(double share) => (share * 100).ToString("0.0", CultureInfo.CurrentCulture) + " %";

    private string SentText()
    {
        var c = _report!.Campaign;
        return c.StartedAt is { } started
            ? L["SentAt", started.ToLocalTime().ToString("g", CultureInfo.CurrentCulture)]
            : L["NotSent"];
    }
}
