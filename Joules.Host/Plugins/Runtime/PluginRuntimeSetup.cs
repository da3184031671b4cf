using Joules.Core.Events;
using Joules.Host.Hosting;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Wires the plugin runtime into the host.</summary>
internal static class PluginRuntimeSetup
{
    /// <summary>Registers the runtime. Call after every other registration: plugin containers forward the host's
    /// services as registered here.</summary>
    public static void AddJoulesPlugins(this WebApplicationBuilder builder)
    {
        HostRestarter.WaitForPredecessor();
        var root = ((JoulesSettings)builder.Services.Single(d => d.ServiceType == typeof(JoulesSettings)).ImplementationInstance!).SettingsRoot;
        var settings = builder.Configuration.GetSection("Joules:Plugins").Get<PluginSettings>() ?? new PluginSettings();
        settings.Folder = Path.GetFullPath(Path.Combine(root, settings.Folder));
        settings.DevelopmentKeyFolder = Path.GetFullPath(Path.Combine(root, settings.DevelopmentKeyFolder));

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PluginRegistry>();
        services.AddSingleton(new HostServiceCatalog(services));
        services.AddSingleton<PluginContainerFactory>();
        services.AddSingleton<PluginActivator>();
        services.AddSingleton<PluginLicensing>();
        services.AddSingleton<PluginJobScheduler>();
        services.AddTransient<PluginJobRunner>();
        services.AddSingleton<PluginEndpointDataSource>();
        services.AddSingleton<PluginStaticFiles>();
        services.AddSingleton<PluginTrust>();
        services.AddSingleton<IPluginFolderCheck, SignedFolderCheck>();
        services.AddSingleton<PluginPackageInstaller>();
        services.AddSingleton<PluginRuntime>();
        services.AddSingleton<HostRestarter>();
        services.AddSingleton<IDomainEventHandlerSource, PluginEventHandlerSource>();
        services.AddSingleton<Joules.Core.Messaging.Templates.IMessageTemplateKeySource, PluginTemplateKeySource>();
        services.AddSingleton<Joules.Core.Credit.ICreditBureauSource, PluginCreditBureauSource>();
        services.AddSingleton<Joules.Core.MarketData.IMarketDataProviderSource, PluginMarketDataSource>();
        // SMS comes only from plugins; the forwarder makes the outbox hand such messages to the plugin that provides it.
        services.AddScoped<Joules.Core.Messaging.Outbox.IMessageChannelSender>(sp => new PluginChannelSender(
            Joules.Core.Domain.Messaging.MessageChannel.Sms, sp.GetRequiredService<PluginRegistry>(), sp.GetRequiredService<IServiceProvider>()));
        services.AddScoped<IPluginAdministration, PluginAdministrationService>();
        services.AddHostedService<PluginFolderWatcher>();
        services.AddHostedService<PluginLicenceClock>();
        services.AddScoped<RequestPluginServices>();
        if (!PrerenderScopeHook.Install(services))
            Console.Error.WriteLine("warn: Blazor's HTML renderer was not found; plugin pages prerender without plugin services.");
        if (!CircuitScopeHook.Install(services))
            Console.Error.WriteLine("warn: Blazor's circuit factory was not found; plugin components can inject host services only.");
    }

    /// <summary>Starts loading the installed plugins' code while the host prepares its database.</summary>
    public static void PreloadPlugins(this WebApplication app) => app.Services.GetRequiredService<PluginRuntime>().Preload();

    /// <summary>Loads the installed plugins (before the component endpoints are mapped, so their pages prerender) and
    /// adds the plugin middleware: static files, plugin-aware request services and plugin endpoints.</summary>
    public static async Task StartPluginsAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<PluginRuntime>().StartAsync(app.Lifetime.ApplicationStopping);
        app.UseStaticFiles(new StaticFileOptions { FileProvider = app.Services.GetRequiredService<PluginStaticFiles>() });
        app.UseMiddleware<PluginScopeMiddleware>();
        ((IEndpointRouteBuilder)app).DataSources.Add(app.Services.GetRequiredService<PluginEndpointDataSource>());
    }
}
