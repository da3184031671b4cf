using Joules.Core.Domain.Identity;
using Joules.Core.Domain.Messaging;
using Joules.Core.Plugins;
using Joules.Core.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Sms;

/// <summary>SMS: an outbox channel over a configurable HTTP gateway per brand, with delivery reports on a signed callback.</summary>
public sealed class SmsPlugin : IJoulesPlugin
{
    public const string Id = "joules.sms";

    public void Configure(IPluginBuilder plugin)
    {
        plugin.AddDbContext<SmsDb>();
        plugin.Services.AddScoped<SmsGatewayResolver>();
        plugin.Services.AddScoped<DeliveryReportService>();
        plugin.Services.AddScoped<SmsAdminService>();
        plugin.Services.AddHttpClient(SmsChannelSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .RemoveAllLoggers();   // request logs could carry the Authorization header
        plugin.AddMessageChannel<SmsChannelSender>(MessageChannel.Sms);
        plugin.AddJob<ParkedReportsJob>("parked-reports", "0 * * * * ?", new("Zustellberichte nachtragen", "Apply parked delivery reports"));
        plugin.MapEndpoints(e => e.MapPost("/delivery-reports",
            (HttpRequest request, CurrentUserAccessor user, DeliveryReportService reports, CancellationToken ct) =>
            {
                user.User = new SystemUser("plugin:" + Id);   // the gateway is anonymous; the signature authenticates it
                return reports.ReceiveAsync(request, ct);
            }));
        plugin.AddSettingsPage<SmsSettingsPanel>();
        plugin.AddNavEntry(new PluginNavEntry("sms", new("SMS", "SMS"), Roles.BackOffice)
        {
            Icon = MudBlazor.Icons.Material.Filled.Sms,
        });
    }
}
