using System.Globalization;
using Joules.Host.Components;
using Microsoft.AspNetCore.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Hosting;

internal static class ShellSetup
{
    public static readonly CultureInfo[] Cultures = [new("de-DE"), new("en-GB")];

    /// <summary>Blazor Server with global interactive rendering, MudBlazor and German/English resources.</summary>
    public static IServiceCollection AddJoulesShell(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddAntiforgery();
        return services;
    }

    public static void UseJoulesShell(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<CurrentUserMiddleware>();
        app.UseAntiforgery();
        app.MapStaticAssets();
        // Plugins loaded at startup prerender like the shell's pages; later ones are routed by the catch-all page.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies(app.Services.GetRequiredService<Plugins.Runtime.PluginRegistry>().RoutableAssemblies);
    }
}
