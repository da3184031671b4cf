using Joules.Core.Tenancy;
using Joules.Plugins.Newsletter.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Joules.Plugins.Newsletter.Analytics;

/// <summary>Mail marketing analytics (MKT-5): sent / opened / clicked and subscriptions / unsubscriptions over time,
/// from the daily roll-ups only.</summary>
public partial class AnalyticsPage
{
    /// <summary>Longest range the charts show at once (by day that is about 2 years of bars).</summary>
    public const int MaxDays = 800;

    [Inject] private IDbContextFactory<NewsletterDb> DbFactory { get; set; } = default!;
    [Inject] private ICurrentUser User { get; set; } = default!;

    private DateRange _range = new(DateTime.Today.AddDays(-89), DateTime.Today);
    private Granularity _granularity = Granularity.Week;
    private IReadOnlyCollection<long> _campaignIds = [];
    private long _listId;
    private List<(long Id, string Name)> _campaigns = [];
    private List<(long Id, string Name)> _lists = [];
    private IReadOnlyList<ActivityPoint> _activity = [];
    private IReadOnlyList<SubscriptionPoint> _subscriptions = [];
    private IReadOnlyList<string> _activityLabels = [];
    private IReadOnlyList<string> _subscriptionLabels = [];
    private string? _error;

    private Guid? BrandId => User.AllBrands ? null : User.BrandId;

    protected override async Task OnInitializedAsync()
    {
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            _campaigns = (await db.Campaigns.AsNoTracking().Where(c => c.StartedAt != null)
                    .OrderByDescending(c => c.StartedAt).Take(500).Select(c => new { c.Id, c.Name }).ToListAsync())
                .Select(c => (c.Id, c.Name)).ToList();
            _lists = (await db.Lists.AsNoTracking().Where(l => !l.Archived).OrderBy(l => l.Name).Select(l => new { l.Id, l.Name }).ToListAsync())
                .Select(l => (l.Id, l.Name)).ToList();
        }
        await LoadAsync();
    }

    private string CampaignText(IReadOnlyList<string> values) =>
        values.Count == 0 ? L["AllCampaigns"] : string.Join(", ", values.Select(v => _campaigns.FirstOrDefault(c => c.Id.ToString() == v).Name ?? v));

    private async Task RangeChangedAsync(DateRange range)
    {
        _range = range;
        await LoadAsync();
    }

    private async Task GranularityChangedAsync(Granularity granularity)
    {
        _granularity = granularity;
        await LoadAsync();
    }

    private async Task CampaignsChangedAsync(IEnumerable<long> ids)
    {
        _campaignIds = ids.ToList();
        await LoadAsync();
    }

    private async Task ListChangedAsync(long listId)
    {
        _listId = listId;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _error = null;
        var to = DateOnly.FromDateTime(_range.End ?? DateTime.Today);
        var from = DateOnly.FromDateTime(_range.Start ?? to.AddDays(-89).ToDateTime(TimeOnly.MinValue));
        if (from > to) (from, to) = (to, from);
        if (to.DayNumber - from.DayNumber > MaxDays)
        {
            _error = L["RangeTooLong", MaxDays];
            from = to.AddDays(-MaxDays);
        }
        await using var db = await DbFactory.CreateDbContextAsync();
        _activity = await AnalyticsQueries.ActivityAsync(db, BrandId, from, to, _granularity, _campaignIds);
        _subscriptions = await AnalyticsQueries.SubscriptionsAsync(db, BrandId, from, to, _granularity, _listId == 0 ? null : _listId);
        _activityLabels = _activity.Select(p => AnalyticsQueries.Label(p.Start, _granularity, L["WeekLabel"])).ToList();
        _subscriptionLabels = _subscriptions.Select(p => AnalyticsQueries.Label(p.Start, _granularity, L["WeekLabel"])).ToList();
    }
}
