using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Joules.Host.Features.Calculator;

/// <summary>Who may frame which page: the public calculator page (/rechner/{brand}) may be embedded by the sites in
/// <see cref="WidgetOptions.FrameAncestors"/>; every other response of the app only by the app itself
/// (X-Frame-Options SAMEORIGIN and CSP frame-ancestors 'self'). Antiforgery's own X-Frame-Options header is switched
/// off in <see cref="CalculatorWidgetFeature"/>, so this is the one place that decides.</summary>
public static partial class FramingHeaders
{
    [GeneratedRegex(@"^/rechner/[^/]+/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WidgetPage();

    /// <summary>True for the calculator page itself (not its script).</summary>
    public static bool IsWidgetPage(PathString path) => path.HasValue && WidgetPage().IsMatch(path.Value!);

    /// <summary>The frame-ancestors source list of <paramref name="configured"/>: one line, no directive separators.</summary>
    public static string FrameAncestorsOf(string? configured)
    {
        var cleaned = string.Join(' ', (configured ?? "").Split([' ', '\t', '\r', '\n', ';', ','], StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length == 0 ? "*" : cleaned;
    }

    public static void Apply(HttpContext context, WidgetOptions options)
    {
        var headers = context.Response.Headers;
        if (IsWidgetPage(context.Request.Path))
        {
            headers.Remove(HeaderNames.XFrameOptions);
            headers.ContentSecurityPolicy = "frame-ancestors " + FrameAncestorsOf(options.FrameAncestors);
            return;
        }
        headers.XFrameOptions = "SAMEORIGIN";
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy)) headers.ContentSecurityPolicy = "frame-ancestors 'self'";
    }

    /// <summary>Puts the middleware first in the pipeline; the headers are set just before the response starts.</summary>
    internal sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var options = app.ApplicationServices.GetRequiredService<IOptionsMonitor<WidgetOptions>>();
            app.Use((context, nextMiddleware) =>
            {
                context.Response.OnStarting(() =>
                {
                    Apply(context, options.CurrentValue);
                    return Task.CompletedTask;
                });
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
