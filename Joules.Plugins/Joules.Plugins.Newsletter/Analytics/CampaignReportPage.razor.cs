using System.Globalization;
using Joules.Plugins.Newsletter.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Analytics;

/// <summary>The report of a sent campaign (MKT-3), read from the roll-ups.</summary>
public partial class CampaignReportPage
{
    [Inject] private IDbContextFactory<NewsletterDb> DbFactory { get; set; } = default!;

    [Parameter] public long Id { get; set; }

    private CampaignReportData? _report;
    private bool _loading = true;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        await using var db = await DbFactory.CreateDbContextAsync();
        _report = await CampaignReport.LoadAsync(db, Id);
        _loading = false;
    }

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
