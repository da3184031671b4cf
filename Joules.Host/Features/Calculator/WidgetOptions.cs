namespace Joules.Host.Features.Calculator;

/// <summary>Settings of the embeddable public tariff calculator (section <c>Joules:Widget</c>).</summary>
public sealed class WidgetOptions
{
    public const string Section = "Joules:Widget";

    /// <summary>The CSP <c>frame-ancestors</c> sources allowed to embed the calculator page, e.g.
    /// <c>https://www.stadtwerke-sonnental.de https://*.sonnental.de</c>; "*" (default) allows every http(s) site.</summary>
    public string FrameAncestors { get; set; } = "*";

    /// <summary>Calculations one client address may run per minute (each one costs market data fees).</summary>
    public int CalculationsPerMinute { get; set; } = 30;
}
