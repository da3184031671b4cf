using Joules.Core.Domain.Identity;
using Joules.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Joules.Plugins.Newsletter.Analytics;
using Joules.Plugins.Newsletter.Audiences;
using Joules.Plugins.Newsletter.Campaigns;
using Joules.Plugins.Newsletter.Demo;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Sending;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tracking;

namespace Joules.Plugins.Newsletter;

/// <summary>Newsletter and e-mail marketing: audiences with double opt-in, campaigns, the sending pipeline, tracking,
/// message statistics, click heatmap and analytics (catalogue MKT-1 to MKT-5).</summary>
public sealed class NewsletterPlugin : IJoulesPlugin
{
    public const string Id = "joules.newsletter";

    public void Configure(IPluginBuilder plugin)
    {
        plugin.AddDbContext<NewsletterDb>();
        plugin.Services.AddSingleton<TokenSigner>();
        plugin.Services.AddSingleton<PublicBaseUrl>();
        plugin.Services.AddScoped<NewsletterBrands>();
        plugin.AddAudiences();
        plugin.AddCampaigns();
        plugin.AddSending();
        plugin.AddTracking();
        plugin.AddAnalytics();
        plugin.AddDemo();
        plugin.AddNavEntry(new PluginNavEntry("newsletter", new("Newsletter", "Newsletter"), Roles.Administrator, Roles.Staff, Roles.Analyst)
        {
            Icon = MudBlazor.Icons.Material.Filled.MarkEmailRead,
        });
    }
}
