using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using Joules.Core.Domain.Common;

namespace Joules.Core.Messaging.Templates;

/// <summary>One finding of <see cref="TemplateValidator"/>.</summary>
/// <param name="Part">"Subject", "Html" or "Text".</param>
/// <param name="IsError">True for syntax errors (the template cannot be saved); false for warnings.</param>
/// <param name="Message">Localised message for the user.</param>
/// <param name="Line">1-based line of a syntax error within the part.</param>
/// <param name="Column">1-based column of a syntax error.</param>
/// <param name="Variable">The unknown variable of a warning.</param>
public sealed record TemplateIssue(string Part, bool IsError, string Message, int? Line = null, int? Column = null, string? Variable = null);

/// <summary>The findings of a validation.</summary>
public sealed record TemplateValidationResult(IReadOnlyList<TemplateIssue> Issues)
{
    /// <summary>True if there is no error (warnings allowed).</summary>
    public bool IsValid => !Issues.Any(i => i.IsError);
    /// <summary>Errors only.</summary>
    public IEnumerable<TemplateIssue> Errors => Issues.Where(i => i.IsError);
    /// <summary>Warnings only.</summary>
    public IEnumerable<TemplateIssue> Warnings => Issues.Where(i => !i.IsError);
}

/// <summary>A syntax error with its position.</summary>
public sealed record TemplateSyntaxError(string Detail, int Line, int Column);

/// <summary>Checks a template before it is saved: syntax of subject, HTML and text part (with line and column) and
/// variables that the key's catalogue entry does not list (warnings).</summary>
public sealed partial class TemplateValidator(MessageTemplateCatalogue catalogue)
{
    private static readonly HashSet<string> LiquidNames = new(StringComparer.Ordinal) { "forloop", "tablerowloop", "empty", "blank", "nil", "null", "true", "false" };

    /// <summary>Validates the three parts for <paramref name="key"/>.</summary>
    public TemplateValidationResult Validate(string key, string? subject, string? html, string? text) =>
        Validate(key, subject, html, text, Domain.Messaging.MessageChannel.Mail);

    /// <summary>Validates the parts of a template for <paramref name="channel"/>: SMS needs no subject (and has no HTML
    /// part); mail and messenger need a one-line subject.</summary>
    public TemplateValidationResult Validate(string key, string? subject, string? html, string? text, Domain.Messaging.MessageChannel channel)
    {
        var variables = catalogue.Find(key)?.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var issues = new List<TemplateIssue>();
        if (channel != Domain.Messaging.MessageChannel.Mail) html = null;
        if (string.IsNullOrWhiteSpace(subject))
        {
            if (channel != Domain.Messaging.MessageChannel.Sms) issues.Add(new("Subject", true, CoreText.Get("Template.SubjectRequired")));
        }
        else if (subject.Contains('\n') || subject.Contains('\r')) issues.Add(new("Subject", true, CoreText.Get("Template.SubjectSingleLine")));
        if (string.IsNullOrWhiteSpace(text)) issues.Add(new("Text", true, CoreText.Get("Template.TextRequired")));
        Check("Subject", subject, variables, issues);
        Check("Html", html, variables, issues);
        Check("Text", text, variables, issues);
        return new TemplateValidationResult(issues);
    }

    private static void Check(string part, string? source, HashSet<string> variables, List<TemplateIssue> issues)
    {
        if (string.IsNullOrEmpty(source)) return;
        if (!TryParse(source, out var template, out var error))
        {
            issues.Add(new(part, true, SyntaxMessage(part, error!), error!.Line, error.Column));
            return;
        }
        var walker = new VariableCollector();
        walker.VisitTemplate(template!);
        if (SandboxViolation(part, walker, MaxRangeElements) is { } violation) issues.Add(new(part, true, violation));
        foreach (var path in walker.Paths.Distinct())
        {
            var first = path.Split('.')[0];
            if (walker.Locals.Contains(first) || LiquidNames.Contains(first) || Known(path, variables)) continue;
            issues.Add(new(part, false, CoreText.Format("Template.UnknownVariable", TemplateRenderer.PartLabel(part), path), Variable: path));
        }
    }

    /// <summary>The largest range <c>(a..b)</c> a template may use; ranges are built in memory before a loop runs.</summary>
    public const int MaxRangeElements = 50_000;

    /// <summary>A message if the parsed template uses what the sandbox refuses (include/render, ranges with
    /// computed bounds or more than <paramref name="maxRange"/> elements); null if it is fine.</summary>
    internal static string? SandboxViolation(string part, IFluidTemplate template, int maxRange)
    {
        var walker = new VariableCollector();
        walker.VisitTemplate(template);
        return SandboxViolation(part, walker, maxRange);
    }

    private static string? SandboxViolation(string part, VariableCollector walker, int maxRange)
    {
        if (walker.UsesInclude) return CoreText.Format("Template.IncludeNotAllowed", TemplateRenderer.PartLabel(part));
        foreach (var range in walker.Ranges)
        {
            if (range.From is not LiteralExpression from || range.To is not LiteralExpression to)
                return CoreText.Format("Template.RangeNotFixed", TemplateRenderer.PartLabel(part));
            var span = Math.Abs(to.Value.ToNumberValue() - from.Value.ToNumberValue()) + 1;
            if (span > maxRange) return CoreText.Format("Template.RangeTooLarge", TemplateRenderer.PartLabel(part), maxRange);
        }
        return null;
    }

    /// <summary>Known if the path is a variable, a prefix of one (<c>contract</c>), or a variable followed by a
    /// Liquid property (<c>contract.number.size</c>).</summary>
    private static bool Known(string path, HashSet<string> variables)
    {
        if (variables.Contains(path)) return true;
        if (variables.Any(v => v.StartsWith(path + ".", StringComparison.Ordinal))) return true;
        for (var i = path.LastIndexOf('.'); i > 0; i = path.LastIndexOf('.', i - 1))
            if (variables.Contains(path[..i])) return true;
        return false;
    }

    /// <summary>Parses with the shared parser; on failure returns the error with its line and column.</summary>
    public static bool TryParse(string source, out IFluidTemplate? template, out TemplateSyntaxError? error)
    {
        if (TemplateRenderer.Parser.TryParse(source, out template, out var message))
        {
            error = null;
            return true;
        }
        template = null;
        var match = PositionPattern().Match(message ?? "");
        var detail = match.Success ? message![..match.Index].Trim() : (message ?? "").Split('\n')[0].Trim();
        error = match.Success
            ? new TemplateSyntaxError(detail, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : new TemplateSyntaxError(detail, 1, 1);
        return false;
    }

    /// <summary>"Betreff: Syntaxfehler in Zeile X, Spalte Y: …".</summary>
    public static string SyntaxMessage(string part, TemplateSyntaxError error) =>
        CoreText.Format("Template.SyntaxError", TemplateRenderer.PartLabel(part), error.Line, error.Column, error.Detail);

    [GeneratedRegex(@"at \((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();

    private sealed class VariableCollector : AstVisitor
    {
        public List<string> Paths { get; } = [];
        public HashSet<string> Locals { get; } = new(StringComparer.Ordinal);
        public List<RangeExpression> Ranges { get; } = [];
        public bool UsesInclude { get; private set; }

        protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
        {
            Ranges.Add(rangeExpression);
            return base.VisitRangeExpression(rangeExpression);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            Locals.Add(forStatement.Identifier);
            if (forStatement.Range is { } range) Ranges.Add(range);
            return base.VisitForStatement(forStatement);
        }

        protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
        {
            UsesInclude = true;
            return base.VisitIncludeStatement(includeStatement);
        }

        protected override Statement VisitRenderStatement(RenderStatement renderStatement)
        {
            UsesInclude = true;
            return base.VisitRenderStatement(renderStatement);
        }

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            var names = new List<string>();
            foreach (var segment in memberExpression.Segments)
            {
                if (segment is IdentifierSegment id) names.Add(id.Identifier);
                else break;
            }
            if (names.Count > 0) Paths.Add(string.Join('.', names));
            return base.VisitMemberExpression(memberExpression);
        }

        protected override Statement VisitTableRowStatement(TableRowStatement tableRowStatement)
        {
            Locals.Add(tableRowStatement.Identifier);
            return base.VisitTableRowStatement(tableRowStatement);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            Locals.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            Locals.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement)
        {
            Locals.Add(incrementStatement.Identifier);
            return base.VisitIncrementStatement(incrementStatement);
        }

        protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement)
        {
            Locals.Add(decrementStatement.Identifier);
            return base.VisitDecrementStatement(decrementStatement);
        }
    }
}
