using Joules.Host.Features.Calculator;
using Joules.Host.Features.Common;
using Joules.Host.Features.Contracts;
using Joules.Host.Features.Credit;
using Joules.Host.Features.Jobs;
using Joules.Host.Features.MailSettings;
using Joules.Host.Features.Orders;
using Joules.Host.Features.Messenger;
using Joules.Host.Features.SentMail;
using Joules.Host.Features.Transfers;

namespace Joules.Host.Hosting;

/// <summary>Services and endpoints of the shell's own features (one line per feature).</summary>
internal static class FeatureSetup
{
    public static IServiceCollection AddJoulesFeatures(this IServiceCollection services)
    {
        services.AddScoped<Features.Demo.DemoDataSeeder>();
        services.AddContractFeature();
        services.AddBackOfficeAdminFeatures();
        services.AddTransferFeature();
        services.AddJobsFeature();
        services.AddSentMailFeature();
        services.AddMailSettingsFeature();
        services.AddMessengerFeature();
        services.AddCreditFeature();
        services.AddOrderFeature();
        services.AddCalculatorWidgetFeature();
        return services;
    }

    public static void MapFeatureEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapContractEndpoints();
        app.MapTransferEndpoints();
        app.MapCalculatorWidgetEndpoints();
    }
}
