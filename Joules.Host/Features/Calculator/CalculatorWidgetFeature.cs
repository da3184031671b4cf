using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;

namespace Joules.Host.Features.Calculator;

/// <summary>The embeddable public tariff calculator: page /rechner/{brand}, script /rechner/{brand}/einbetten.js,
/// per-client rate limit and the framing headers of the whole app.</summary>
internal static class CalculatorWidgetFeature
{
    public static IServiceCollection AddCalculatorWidgetFeature(this IServiceCollection services)
    {
        services.AddOptions<WidgetOptions>().BindConfiguration(WidgetOptions.Section);
        services.AddHttpContextAccessor();
        services.AddSingleton<WidgetRateLimiter>();
        services.AddScoped<ICalculatorWidgetBackend, CalculatorWidgetService>();
        // Framing is decided in one place for every response (antiforgery would add SAMEORIGIN to the widget page too).
        services.Configure<AntiforgeryOptions>(o => o.SuppressXFrameOptionsHeader = true);
        services.AddTransient<IStartupFilter, FramingHeaders.StartupFilter>();
        return services;
    }

    public static void MapCalculatorWidgetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/rechner/{brandCode}/einbetten.js", async (string brandCode, HttpContext http, ICalculatorWidgetBackend widget,
            IStringLocalizer<CalculatorWidgetPage> text, CancellationToken ct) =>
        {
            var brand = await widget.BrandAsync(brandCode, ct);
            if (brand is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=300";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            var origin = $"{http.Request.Scheme}://{http.Request.Host}";
            return Results.Text(EmbedScript.For(origin, brand.Code, text["FrameTitle", brand.Name]), "text/javascript; charset=utf-8");
        }).AllowAnonymous();
    }
}
