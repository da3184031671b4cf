using System.Globalization;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Analytics;

/// <summary>The click heatmap of a campaign (MKT-4): the mail as sent with each link's clicks and share.</summary>
public partial class HeatmapPage
{
    private Campaign? _campaign;
    private Dictionary<(byte Variant, int Index), (long Total, long Unique)> _stats = [];
    private HeatmapView? _view;
    private HeatMode _mode = HeatMode.Total;
    private byte _variant;

    private bool HasVariantB => _campaign is { AbTest: not AbTestKind.None };

    protected override async Task LoadAsync(NewsletterDb db, Campaign? campaign)
    {
        _campaign = campaign;
        if (_campaign is not null)
            _stats = (await db.LinkStats.AsNoTracking().Where(s => s.CampaignId == Id).ToListAsync())
                .ToDictionary(s => (s.Variant, s.LinkIndex), s => (s.Total, s.Unique));
        await BuildAsync();
    }

    private async Task ModeChangedAsync(HeatMode mode)
    {
        _mode = mode;
        await BuildAsync();
    }

    private async Task VariantChangedAsync(byte variant)
    {
        _variant = variant;
        await BuildAsync();
    }

    private async Task BuildAsync()
    {
        if (_campaign is null)
        {
            _view = null;
            return;
        }
        var html = _variant == 1 && HasVariantB && !string.IsNullOrEmpty(_campaign.HtmlBodyB) ? _campaign.HtmlBodyB : _campaign.HtmlBody;
        var clicks = _stats.Where(kv => kv.Key.Variant == _variant).ToDictionary(kv => kv.Key.Index, kv => kv.Value);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "de";
        _view = await HeatmapBuilder.BuildAsync(html, clicks, _mode, language);
    }
}
