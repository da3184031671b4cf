using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using Joules.Core.Domain.Common;
using Microsoft.Extensions.FileProviders;

namespace Joules.Core.Messaging.Templates;

/// <summary>Limits for rendering end-user templates.</summary>
public sealed record TemplateRenderLimits
{
    /// <summary>Statements executed per part at most (loops count every iteration).</summary>
    public int MaxSteps { get; init; } = 50_000;
    /// <summary>Nesting depth of blocks and includes at most.</summary>
    public int MaxRecursion { get; init; } = 10;
    /// <summary>Characters of output per part at most (also the largest value an assign or capture may hold).</summary>
    public int MaxOutputChars { get; init; } = 512 * 1024;
    /// <summary>Wall-clock time a whole message (subject, HTML and text) may take.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>Subject and both parts of a rendered message, and the template version they came from
/// (<see cref="TemplateId"/> null and <see cref="Version"/> 0 for a built-in template).</summary>
public sealed record RenderedMessage(string Subject, string? Html, string Text, Guid? TemplateId, int Version);

/// <summary>A template could not be rendered: syntax error, a limit was hit (steps, depth, size, time).
/// <see cref="Exception.Message"/> is a localised text; <see cref="DomainException.Field"/> names the part
/// ("Subject", "Html" or "Text").</summary>
public sealed class TemplateRenderException(string message, string part, Exception? inner = null) : DomainException(message, part)
{
    /// <summary>The original error, if any.</summary>
    public Exception? Cause { get; } = inner;
}

/// <summary>Renders Liquid templates written by end users in a sandbox: the model is a flat dictionary of allowed
/// variables (dotted names become nested objects, e.g. <c>contract.number</c>), no CLR object is reachable (no
/// registered types, no file system for include/render), and steps, recursion depth, output size and time are limited.
/// The HTML part is HTML-encoded (variables are escaped); subject and text are not encoded. Thread-safe; register as singleton.</summary>
public sealed class TemplateRenderer
{
    internal static readonly FluidParser Parser = new();
    // Escapes markup characters but keeps umlauts and other letters readable in the mail source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TemplateOptions> _options = new(StringComparer.Ordinal);

    /// <summary>Creates a renderer with the given limits (defaults if null).</summary>
    public TemplateRenderer(TemplateRenderLimits? limits = null) => Limits = limits ?? new TemplateRenderLimits();

    /// <summary>The limits in force.</summary>
    public TemplateRenderLimits Limits { get; }

    /// <summary>Renders subject, HTML part (if any) and text part with <paramref name="model"/>.</summary>
    /// <param name="subject">Liquid subject; the result is made a single line.</param>
    /// <param name="html">Liquid HTML part or null.</param>
    /// <param name="text">Liquid plain-text part.</param>
    /// <param name="model">Flat variables, e.g. <c>["contract.number"] = "V-1"</c>. Values should be strings, numbers,
    /// booleans, dates or lists of those; anything else is rendered with ToString().</param>
    /// <param name="language">"de" or "en": culture for numbers and dates in filters.</param>
    /// <param name="ct">Cancels rendering.</param>
    /// <exception cref="TemplateRenderException">Syntax error or a limit was hit.</exception>
    public async Task<RenderedMessage> RenderAsync(string subject, string? html, string text, IReadOnlyDictionary<string, object?> model,
        string language = "de", CancellationToken ct = default)
    {
        // The deadline is checked against this clock on every write, assign and capture (see CappedWriter.Check).
        var clock = Stopwatch.StartNew();
        var options = OptionsFor(language);
        // The model is converted once per message and shared by the three parts (Liquid cannot change it; assign and
        // capture write into each part's own context).
        var values = ToFluidValues(BuildModel(model), options);
        var renderedSubject = await RenderPartAsync("Subject", subject, values, options, NullEncoder.Default, clock, ct);
        var renderedHtml = string.IsNullOrWhiteSpace(html) ? null : await RenderPartAsync("Html", html, values, options, Html, clock, ct);
        var renderedText = await RenderPartAsync("Text", text, values, options, NullEncoder.Default, clock, ct);
        return new RenderedMessage(SingleLine(renderedSubject), renderedHtml, renderedText, null, 0);
    }

    private static KeyValuePair<string, FluidValue>[] ToFluidValues(Dictionary<string, object?> model, TemplateOptions options)
    {
        var values = new KeyValuePair<string, FluidValue>[model.Count];
        var i = 0;
        foreach (var (name, value) in model) values[i++] = new(name, FluidValue.Create(value, options));
        return values;
    }

    private static string SingleLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();

    private async Task<string> RenderPartAsync(string part, string source, KeyValuePair<string, FluidValue>[] model, TemplateOptions options,
        TextEncoder encoder, Stopwatch clock, CancellationToken ct)
    {
        var template = Parse(part, source);
        var context = new TemplateContext(options, StringComparer.Ordinal);
        foreach (var (name, value) in model)
            context.SetValue(name, value);
        var writer = new CappedWriter(Limits.MaxOutputChars, Limits.Deadline, clock, ct);
        // Assign and capture produce no output; they check the deadline through the context.
        context.AmbientValues[BudgetKey] = writer;
        try
        {
            var render = template.RenderAsync(writer, encoder, context);
            if (!render.IsCompletedSuccessfully) await render;
            writer.Check();
            return writer.ToString();
        }
        catch (OutputLimitException) { throw new TemplateRenderException(CoreText.Format("Template.OutputTooLarge", PartLabel(part), Limits.MaxOutputChars / 1024), part); }
        catch (OperationCanceledException) when (TimedOut(clock)) { throw new TemplateRenderException(CoreText.Format("Template.Timeout", PartLabel(part), Limits.Deadline.TotalSeconds), part); }
        // Fluid reports both the step limit and the recursion limit as "maximum level of recursion".
        catch (InvalidOperationException e) when (e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase))
        { throw new TemplateRenderException(CoreText.Format("Template.TooManySteps", PartLabel(part), Limits.MaxSteps, Limits.MaxRecursion), part, e); }
        catch (Exception e) when (e is not TemplateRenderException and not OperationCanceledException)
        { throw new TemplateRenderException(CoreText.Format("Template.RenderFailed", PartLabel(part), e.Message), part, e); }
    }

    private bool TimedOut(Stopwatch clock) => clock.Elapsed >= Limits.Deadline;

    /// <summary>The localised name of a part ("Betreff", "HTML-Teil", "Textteil").</summary>
    public static string PartLabel(string part) => CoreText.Get("Template.Part." + part);

    private IFluidTemplate Parse(string part, string source)
    {
        if (_parsed.TryGetValue(source, out var cached)) return cached;
        if (!TemplateValidator.TryParse(source, out var template, out var error))
            throw new TemplateRenderException(TemplateValidator.SyntaxMessage(part, error!), part);
        if (TemplateValidator.SandboxViolation(part, template!, Limits.MaxSteps) is { } violation)
            throw new TemplateRenderException(violation, part);
        if (_parsed.Count > 1000) _parsed.Clear();
        _parsed[source] = template!;
        return template!;
    }

    private TemplateOptions OptionsFor(string language) => _options.GetOrAdd(language, lang =>
    {
        var options = new TemplateOptions
        {
            MaxSteps = Limits.MaxSteps,
            MaxRecursion = Limits.MaxRecursion,
            // No registered types: members of CLR objects are never reachable from a template.
            MemberAccessStrategy = new DefaultMemberAccessStrategy(),
            FileProvider = new NullFileProvider(),
            CultureInfo = CultureInfo.GetCultureInfo(lang == "en" ? "en-GB" : "de-DE"),
        };
        var max = Limits.MaxOutputChars;
        options.Assigned = (name, value, context) => LimitValue(value, max, context);
        options.Captured = (name, value, context) => LimitValue(value, max, context);
        return options;
    });

    private const string BudgetKey = "joules.render-budget";

    private static ValueTask<FluidValue> LimitValue(FluidValue value, int max, TemplateContext context)
    {
        if (context.AmbientValues.TryGetValue(BudgetKey, out var budget) && budget is CappedWriter writer) writer.Check();
        if (value is StringValue s && s.ToStringValue().Length > max) throw new OutputLimitException();
        return ValueTask.FromResult(value);
    }

    /// <summary>Turns the flat dictionary into nested dictionaries of plain values (no CLR objects survive).</summary>
    internal static Dictionary<string, object?> BuildModel(IReadOnlyDictionary<string, object?> flat)
    {
        var root = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, raw) in flat.OrderBy(p => p.Key.Count(c => c == '.')))
        {
            var segments = name.Split('.', StringSplitOptions.TrimEntries);
            if (segments.Any(string.IsNullOrEmpty)) continue;
            var node = root;
            for (var i = 0; i < segments.Length - 1; i++)
            {
                if (node.TryGetValue(segments[i], out var child) && child is Dictionary<string, object?> dict) { node = dict; continue; }
                var next = new Dictionary<string, object?>(StringComparer.Ordinal);
                node[segments[i]] = next; // a nested name wins over a plain value of the same name
                node = next;
            }
            var leaf = segments[^1];
            if (node.TryGetValue(leaf, out var existing) && existing is Dictionary<string, object?>) continue;
            node[leaf] = Plain(raw);
        }
        return root;
    }

    private static object? Plain(object? value) => value switch
    {
        null => null,
        string or bool or int or long or short or byte or decimal or double or float or DateTime or DateTimeOffset => value,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        Enum e => e.ToString(),
        IEnumerable list => list.Cast<object?>().Select(Plain).ToList(),
        _ => value.ToString(),
    };

    private sealed class OutputLimitException() : Exception("output limit");

    /// <summary>Collects output; throws past the size cap and checks the deadline on every write.</summary>
    private sealed class CappedWriter(int max, TimeSpan deadline, Stopwatch clock, CancellationToken ct) : TextWriter
    {
        private readonly StringBuilder _sb = new();
        private int _writes;
        public override Encoding Encoding => Encoding.UTF8;

        /// <summary>Throws past the size cap, on cancellation or past the deadline.</summary>
        public void Check()
        {
            if (_sb.Length > max) throw new OutputLimitException();
            ct.ThrowIfCancellationRequested();
            if (clock.Elapsed > deadline) throw new OperationCanceledException();
        }

        private void Added()
        {
            if (_sb.Length > max) throw new OutputLimitException();
            if ((++_writes & 63) == 0) Check();
        }

        public override void Write(char value) { _sb.Append(value); Added(); }
        public override void Write(string? value) { _sb.Append(value); Added(); }
        public override void Write(char[] buffer, int index, int count) { _sb.Append(buffer, index, count); Added(); }
        public override void Write(ReadOnlySpan<char> buffer) { _sb.Append(buffer); Added(); }
        public override Task WriteAsync(char value) { Write(value); return Task.CompletedTask; }
        public override Task WriteAsync(string? value) { Write(value); return Task.CompletedTask; }
        public override Task WriteAsync(char[] buffer, int index, int count) { Write(buffer, index, count); return Task.CompletedTask; }
        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) { Write(buffer.Span); return Task.CompletedTask; }
        public override string ToString() => _sb.ToString();
    }
}
