using Joules.Plugins.Newsletter.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Analytics;

/// <summary>Base of the pages about one campaign (report, heatmap): reads the campaign named in the address as the
/// signed-in user sees it. The context's brand filter hides other brands' campaigns, so one of another brand is "not
/// found" like a missing one.</summary>
public abstract class CampaignPageBase : ComponentBase
{
    [Inject] private IDbContextFactory<NewsletterDb> DbFactory { get; set; } = default!;

    [Parameter] public long Id { get; set; }

    /// <summary>True while the page reads its data.</summary>
    protected bool Loading { get; private set; } = true;

    protected override async Task OnParametersSetAsync()
    {
        Loading = true;
        await using (var db = await DbFactory.CreateDbContextAsync())
            await LoadAsync(db, await FindAsync(db, Id));
        Loading = false;
    }

    /// <summary>Reads what the page shows; <paramref name="campaign"/> is null when the user may not see it.</summary>
    protected abstract Task LoadAsync(NewsletterDb db, Campaign? campaign);

    /// <summary>The campaign, or null if it does not exist or belongs to a brand the user does not see.</summary>
    public static Task<Campaign?> FindAsync(NewsletterDb db, long campaignId, CancellationToken ct = default) =>
        db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
}
