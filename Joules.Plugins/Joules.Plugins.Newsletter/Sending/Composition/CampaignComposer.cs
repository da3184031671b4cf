using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using Joules.Core.Messaging;
using Joules.Core.Messaging.Templates;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.Extensions.FileProviders;
using MimeKit;

namespace Joules.Plugins.Newsletter.Sending.Composition;

/// <summary>What a campaign's mails are composed with, besides the campaign itself.</summary>
/// <param name="Brand">The brand (<c>brand.name</c>).</param>
/// <param name="BaseUrl">Public base address for tracking, unsubscribe and preference links.</param>
/// <param name="Imprint">The brand's imprint for the footer.</param>
/// <param name="UnsubscribeMailbox">Optional mailto address for List-Unsubscribe.</param>
/// <param name="ObjectionNotice">True if a list of the campaign relies on § 7 (3) UWG (existing customers).</param>
public sealed record CompositionSettings(BrandInfo Brand, string BaseUrl, string Imprint, string? UnsubscribeMailbox, bool ObjectionNotice);

/// <summary>A campaign prepared for sending: each variant's subject, HTML and text parsed once as Liquid (with the footer,
/// the open pixel and the trackable links turned into variables), then rendered per recipient with tokens for the
/// recipient. Thread-safe: workers compose in parallel.</summary>
public sealed class CampaignComposer
{
    internal const string LinksVariable = "nl_links";
    internal const string OpenVariable = "nl_open";
    private static readonly HtmlEncoder HtmlEncoding = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly string[] Builtins = ["email", "first_name", "last_name", "postal_code", "city", "language"];

    [ThreadStatic] private static StringWriter? t_writer;

    private readonly Campaign _campaign;
    private readonly CompositionSettings _settings;
    private readonly TokenSigner _signer;
    private readonly TemplateRenderLimits _limits;
    // [variant][language: 0 = de, 1 = en]
    private readonly Prepared?[][] _prepared = [new Prepared?[2], new Prepared?[2]];
    private readonly TemplateOptions[] _options = new TemplateOptions[2];
    private readonly string _messageIdDomain;
    private readonly MailboxAddress? _from;
    private readonly FluidValue _brand;

    private sealed record Prepared(IFluidTemplate Subject, IFluidTemplate Html, IFluidTemplate Text, IReadOnlyList<ScannedLink> Links,
        FluidValue[] UntrackedLinks, FluidValue[] AnonymousLinks);

    private CampaignComposer(Campaign campaign, CompositionSettings settings, TokenSigner signer, TemplateRenderLimits limits)
    {
        _campaign = campaign;
        _settings = settings;
        _signer = signer;
        _limits = limits;
        _options[0] = Options("de", limits);
        _options[1] = Options("en", limits);
        _from = string.IsNullOrWhiteSpace(campaign.FromAddress) ? null
            : new MailboxAddress(string.IsNullOrWhiteSpace(campaign.FromName) ? settings.Brand.Name : campaign.FromName, campaign.FromAddress.Trim());
        _messageIdDomain = MessageIdDomain(campaign.FromAddress, settings.BaseUrl);
        _brand = new DictionaryValue(new FluidValueDictionaryFluidIndexable(new Dictionary<string, FluidValue>(StringComparer.Ordinal)
        {
            ["name"] = new StringValue(settings.Brand.Name),
            ["code"] = new StringValue(settings.Brand.Code),
        }));
    }

    public Campaign Campaign => _campaign;
    public CompositionSettings Settings => _settings;

    /// <summary>Checks every part of the campaign's variants with the sandboxed <see cref="TemplateRenderer"/> (syntax with
    /// part, line and column; sandbox rules) and prepares them.</summary>
    /// <exception cref="TemplateRenderException">A Liquid error (a DomainException naming the part).</exception>
    public static async Task<CampaignComposer> CreateAsync(Campaign campaign, CompositionSettings settings, TokenSigner signer,
        TemplateRenderer renderer, CancellationToken ct = default)
    {
        await signer.InitialiseAsync(ct);
        var composer = new CampaignComposer(campaign, settings, signer, renderer.Limits);
        var sample = SampleModel(settings);
        foreach (var variant in composer.Variants())
        {
            var (subject, html, text) = composer.Source(variant);
            await renderer.RenderAsync(subject, html, text, sample, "de", ct);
            composer._prepared[variant][0] = composer.Prepare(variant, "de");
            composer._prepared[variant][1] = composer.Prepare(variant, "en");
        }
        return composer;
    }

    /// <summary>0, and 1 if the campaign has an A/B test.</summary>
    public IEnumerable<byte> Variants() => _campaign.AbTest == AbTestKind.None ? [0] : [0, 1];

    /// <summary>The trackable links of a variant (as stored in <c>CampaignLink</c>).</summary>
    public IReadOnlyList<ScannedLink> Links(byte variant) => Get(variant, "de").Links;

    /// <summary>Subject, HTML and text of a variant as written (B falls back to A for parts the test does not vary).</summary>
    public (string Subject, string Html, string Text) Source(byte variant)
    {
        var c = _campaign;
        if (variant == 0 || c.AbTest == AbTestKind.None) return (c.Subject, c.HtmlBody, c.TextBody);
        return c.AbTest == AbTestKind.Subject
            ? (c.SubjectB ?? c.Subject, c.HtmlBody, c.TextBody)
            : (string.IsNullOrWhiteSpace(c.SubjectB) ? c.Subject : c.SubjectB, c.HtmlBodyB ?? c.HtmlBody, c.TextBodyB ?? c.TextBody);
    }

    /// <summary>Renders a variant for a recipient. <paramref name="tracked"/> false (preview, test mail): links keep their
    /// addresses and there is no pixel.</summary>
    public RenderedMail Render(Subscriber subscriber, byte variant, bool tracked) => Render(subscriber, variant, tracked, out _);

    private RenderedMail Render(Subscriber subscriber, byte variant, bool tracked, out string unsubscribe)
    {
        var language = subscriber.Language == "en" ? "en" : "de";
        var prepared = Get(variant, language);
        var options = _options[language == "en" ? 1 : 0];
        var consent = tracked && subscriber.TrackingConsent && subscriber.Id > 0;
        var campaignId = _campaign.Id;
        var subscriberValue = SubscriberValue(subscriber);
        unsubscribe = NewsletterUrls.Unsubscribe(_settings.BaseUrl,
            _signer.Create(new TrackingToken(TokenPurpose.Unsubscribe, campaignId, subscriber.Id, variant)));
        var unsubscribeUrl = unsubscribe;
        var preferences = NewsletterUrls.Preferences(_settings.BaseUrl,
            _signer.Create(new TrackingToken(TokenPurpose.Preferences, campaignId, subscriber.Id, variant)));
        FluidValue[] links;
        if (!tracked) links = prepared.UntrackedLinks;
        else if (!consent) links = prepared.AnonymousLinks;
        else
        {
            links = new FluidValue[prepared.Links.Count];
            for (var i = 0; i < links.Length; i++)
                links[i] = new StringValue(NewsletterUrls.Click(_settings.BaseUrl,
                    _signer.Create(new TrackingToken(TokenPurpose.Click, campaignId, subscriber.Id, variant, i))));
        }
        FluidValue open = consent
            ? new StringValue(NewsletterUrls.Open(_settings.BaseUrl, _signer.Create(new TrackingToken(TokenPurpose.Open, campaignId, subscriber.Id, variant))))
            : NilValue.Instance;
        var linkArray = new ArrayValue(links);
        string Part(IFluidTemplate template, TextEncoder encoder, string part)
        {
            var context = new TemplateContext(options, StringComparer.Ordinal);
            context.SetValue("subscriber", subscriberValue);
            context.SetValue("brand", _brand);
            context.SetValue("unsubscribe_url", new StringValue(unsubscribeUrl));
            context.SetValue("preferences_url", new StringValue(preferences));
            context.SetValue(LinksVariable, linkArray);
            context.SetValue(OpenVariable, open);
            // One writer per thread, reused: rendering runs synchronously on the worker's thread (a 16 K buffer per mail
            // would be most of what composing allocates).
            var writer = t_writer ??= new StringWriter(new StringBuilder(16 * 1024), CultureInfo.InvariantCulture);
            var buffer = writer.GetStringBuilder();
            buffer.Clear();
            try
            {
                var task = template.RenderAsync(writer, encoder, context);
                if (!task.IsCompletedSuccessfully) task.AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not TemplateRenderException)
            {
                throw new TemplateRenderException(Joules.Core.Domain.Common.CoreText.Format("Template.RenderFailed", TemplateRenderer.PartLabel(part), e.Message), part, e);
            }
            var result = buffer.ToString();
            if (buffer.Capacity > 256 * 1024) t_writer = null;   // a huge mail's buffer is not kept
            if (result.Length > _limits.MaxOutputChars)
                throw new TemplateRenderException(Joules.Core.Domain.Common.CoreText.Format("Template.OutputTooLarge", TemplateRenderer.PartLabel(part), _limits.MaxOutputChars / 1024), part);
            return result;
        }
        var subject = SingleLine(Part(prepared.Subject, NullEncoder.Default, "Subject"));
        var html = Part(prepared.Html, HtmlEncoding, "Html");
        var text = Part(prepared.Text, NullEncoder.Default, "Text");
        return new RenderedMail(subject, html, text);
    }

    /// <summary>The MIME message for a recipient: multipart/alternative (text, HTML), List-Unsubscribe (RFC 2369) with
    /// one-click (RFC 8058), Precedence bulk, and a Message-ID that names campaign and subscriber (bounce matching).</summary>
    public MimeMessage Compose(Subscriber subscriber, byte variant, bool tracked = true, string? subjectPrefix = null)
    {
        var rendered = Render(subscriber, variant, tracked, out var unsubscribe);
        var message = new MimeMessage();
        if (_from is not null) message.From.Add(_from);
        var name = string.Join(' ', new[] { subscriber.FirstName, subscriber.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        message.To.Add(new MailboxAddress(name, subscriber.Email));
        message.Subject = subjectPrefix + rendered.Subject;
        message.MessageId = MessageId(_campaign.Id, subscriber.Id, _messageIdDomain);
        message.Headers.Add("List-Unsubscribe", ListUnsubscribe(unsubscribe));
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("Precedence", "bulk");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        // UTF-8 set directly (the Text setter tries several charsets for a best fit); the transfer encoding is left to the
        // SMTP client, which picks 8bit when the server offers 8BITMIME and the lines allow it, else quoted-printable.
        var text = new TextPart("plain");
        text.SetText(Encoding.UTF8, rendered.Text);
        var html = new TextPart("html");
        html.SetText(Encoding.UTF8, rendered.Html);
        message.Body = new MultipartAlternative { text, html };
        return message;
    }

    /// <summary>The same mail as <see cref="Compose"/>, tracked, serialised directly as 7-bit MIME text (no MimeKit object
    /// tree per recipient): what the sending pipeline hands to the SMTP session. Null when an address needs more than ASCII
    /// (then <see cref="Compose"/> is used, which can ask for SMTPUTF8).</summary>
    /// <param name="fallbackFrom">The session's sender, for campaigns without their own From address.</param>
    public PreparedMail? ComposePrepared(Subscriber subscriber, byte variant, MailboxAddress fallbackFrom)
    {
        var from = _from ?? fallbackFrom;
        if (!MimeText.IsPrintableAscii(subscriber.Email) || !MimeText.IsPrintableAscii(from.Address)
            || _settings.UnsubscribeMailbox is { } mailbox && !MimeText.IsPrintableAscii(mailbox)) return null;
        var rendered = Render(subscriber, variant, tracked: true, out var unsubscribe);
        var mime = new MimeText(rendered.Html.Length * 11 / 10 + rendered.Text.Length * 11 / 10 + 2048);
        mime.Field("From", FromHeader(from));
        var name = string.Join(' ', new[] { subscriber.FirstName, subscriber.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        mime.Field("To", MimeText.Mailbox(name, subscriber.Email));
        mime.Unstructured("Subject", rendered.Subject);
        mime.Field("Date", MimeText.Date(DateTimeOffset.UtcNow));
        mime.Field("Message-ID", "<" + MessageId(_campaign.Id, subscriber.Id, _messageIdDomain) + ">");
        mime.Field("List-Unsubscribe", ListUnsubscribe(unsubscribe));
        mime.Field("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        mime.Field("Precedence", "bulk");
        mime.Field("Auto-Submitted", "auto-generated");
        mime.Field("MIME-Version", "1.0");
        // "=_" cannot occur in quoted-printable text: the boundary never collides with a body line.
        var boundary = "=_nl_" + Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture);
        mime.Field("Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
        mime.Ascii("\r\n--"); mime.Ascii(boundary);
        mime.Ascii("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        mime.QuotedPrintable(rendered.Text);
        mime.Ascii("\r\n--"); mime.Ascii(boundary);
        mime.Ascii("\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        mime.QuotedPrintable(rendered.Html);
        mime.Ascii("\r\n--"); mime.Ascii(boundary); mime.Ascii("--\r\n");
        return new PreparedMail(from.Address, subscriber.Email, mime.Written);
    }

    private sealed record FromText(MailboxAddress From, string Text);
    private FromText? _fromText;

    private string FromHeader(MailboxAddress from)
    {
        // Formatted once per sender; workers may race to fill it, and each reads a consistent pair.
        if (Volatile.Read(ref _fromText) is { } cached && ReferenceEquals(cached.From, from)) return cached.Text;
        var made = new FromText(from, MimeText.Mailbox(from.Name, from.Address));
        Volatile.Write(ref _fromText, made);
        return made.Text;
    }

    private string ListUnsubscribe(string unsubscribe) => string.IsNullOrWhiteSpace(_settings.UnsubscribeMailbox)
        ? $"<{unsubscribe}>"
        : $"<{unsubscribe}>, <mailto:{_settings.UnsubscribeMailbox.Trim()}?subject=unsubscribe>";

    /// <summary><c>nl.{campaign}.{subscriber}.{random}@{domain}</c>.</summary>
    public static string MessageId(long campaignId, long subscriberId, string domain) =>
        $"nl.{campaignId}.{subscriberId}.{Random.Shared.NextInt64(0x1000000000L, 0xFFFFFFFFFFL):x}@{domain}";

    /// <summary>Campaign and subscriber from a Message-ID made by <see cref="MessageId"/>; false for any other id.</summary>
    public static bool TryParseMessageId(string? messageId, out long campaignId, out long subscriberId)
    {
        campaignId = subscriberId = 0;
        if (string.IsNullOrWhiteSpace(messageId)) return false;
        var id = messageId.Trim().Trim('<', '>');
        if (!id.StartsWith("nl.", StringComparison.Ordinal)) return false;
        var at = id.IndexOf('@');
        var parts = (at < 0 ? id : id[..at]).Split('.');
        return parts.Length >= 3
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out campaignId)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out subscriberId);
    }

    private Prepared Get(byte variant, string language) =>
        _prepared[variant > 0 && _campaign.AbTest != AbTestKind.None ? 1 : 0][language == "en" ? 1 : 0]
        ?? throw new InvalidOperationException("Variant not prepared.");

    private Prepared Prepare(byte variant, string language)
    {
        var (subject, html, text) = Source(variant);
        var links = LinkScanner.Scan(html);
        var htmlSource = LinkScanner.Rewrite(html, links, l => "{{ " + LinksVariable + "[" + l.Index.ToString(CultureInfo.InvariantCulture) + "] }}");
        htmlSource = WithPreheader(htmlSource, _campaign.Preheader);
        var pixel = "{% if " + OpenVariable + " %}<img src=\"{{ " + OpenVariable + " }}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">{% endif %}";
        var htmlFooter = UsesUnsubscribe(html) ? "" : HtmlFooter(language);
        htmlSource = BeforeBodyEnd(htmlSource, htmlFooter + pixel);
        var textSource = UsesUnsubscribe(text) ? text : text.TrimEnd() + TextFooter(language);
        var untracked = links.Select(l => (FluidValue)new StringValue(l.Url)).ToArray();
        var anonymous = links.Select(l => (FluidValue)new StringValue(NewsletterUrls.Click(_settings.BaseUrl,
            _signer.Create(new TrackingToken(TokenPurpose.Click, _campaign.Id, 0, variant, l.Index))))).ToArray();
        return new Prepared(Parse(subject, "Subject"), Parse(htmlSource, "Html"), Parse(textSource, "Text"), links, untracked, anonymous);
    }

    private static IFluidTemplate Parse(string source, string part)
    {
        if (!TemplateValidator.TryParse(source, out var template, out var error))
            throw new TemplateRenderException(TemplateValidator.SyntaxMessage(part, error!), part);
        return template!;
    }

    private static bool UsesUnsubscribe(string source) => source.Contains("unsubscribe_url", StringComparison.Ordinal);

    private string HtmlFooter(string language)
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"nl-footer\" style=\"margin-top:24px;padding:12px 16px;border-top:1px solid #dddddd;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:1.5;color:#666666\">");
        sb.Append("<p style=\"margin:0 0 8px\">").Append(Raw(HtmlEncoding.Encode(SendingText.For(language, _settings.ObjectionNotice ? "Footer.Objection" : "Footer.Reason")))).Append("</p>");
        sb.Append("<p style=\"margin:0 0 8px\"><a href=\"{{ unsubscribe_url }}\" style=\"color:#666666\">")
            .Append(Raw(HtmlEncoding.Encode(SendingText.For(language, "Footer.Unsubscribe"))))
            .Append("</a> · <a href=\"{{ preferences_url }}\" style=\"color:#666666\">")
            .Append(Raw(HtmlEncoding.Encode(SendingText.For(language, "Footer.Preferences")))).Append("</a></p>");
        if (!string.IsNullOrWhiteSpace(_settings.Imprint))
            sb.Append("<p style=\"margin:0\">").Append(Raw(string.Join("<br>", _settings.Imprint.Trim().ReplaceLineEndings("\n").Split('\n').Select(l => HtmlEncoding.Encode(l.Trim()))))).Append("</p>");
        sb.Append("</div>");
        return sb.ToString();
    }

    private string TextFooter(string language)
    {
        var sb = new StringBuilder("\n\n-- \n");
        sb.Append(Raw(SendingText.For(language, _settings.ObjectionNotice ? "Footer.Objection" : "Footer.Reason"))).Append('\n');
        sb.Append(Raw(SendingText.For(language, "Footer.Unsubscribe"))).Append(": {{ unsubscribe_url }}\n");
        sb.Append(Raw(SendingText.For(language, "Footer.Preferences"))).Append(": {{ preferences_url }}\n");
        if (!string.IsNullOrWhiteSpace(_settings.Imprint)) sb.Append('\n').Append(Raw(_settings.Imprint.Trim())).Append('\n');
        return sb.ToString();
    }

    /// <summary>Literal text inside a Liquid source.</summary>
    private static string Raw(string text) =>
        text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal)
            ? "{% raw %}" + text.Replace("{% endraw %}", "", StringComparison.Ordinal) + "{% endraw %}"
            : text;

    private static string WithPreheader(string html, string? preheader)
    {
        if (string.IsNullOrWhiteSpace(preheader)) return html;
        var hidden = "<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all\">" + Raw(HtmlEncoding.Encode(preheader.Trim())) + "</div>";
        var body = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        var close = body < 0 ? -1 : html.IndexOf('>', body);
        return close < 0 ? hidden + html : html.Insert(close + 1, hidden);
    }

    private static string BeforeBodyEnd(string html, string addition)
    {
        var end = html.LastIndexOf("</body", StringComparison.OrdinalIgnoreCase);
        return end < 0 ? html + addition : html.Insert(end, addition);
    }

    private static string SingleLine(string s) =>
        s.AsSpan().IndexOfAny('\r', '\n') < 0 ? s.Trim()
            : string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();

    private static TemplateOptions Options(string language, TemplateRenderLimits limits) => new()
    {
        MaxSteps = limits.MaxSteps,
        MaxRecursion = limits.MaxRecursion,
        // As the sandboxed renderer: no registered types, no files for include/render.
        MemberAccessStrategy = new DefaultMemberAccessStrategy(),
        FileProvider = new NullFileProvider(),
        CultureInfo = CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "de-DE"),
    };

    private static FluidValue SubscriberValue(Subscriber s)
    {
        var values = new Dictionary<string, FluidValue>(StringComparer.Ordinal)
        {
            ["email"] = new StringValue(s.Email),
            ["first_name"] = Str(s.FirstName),
            ["last_name"] = Str(s.LastName),
            ["postal_code"] = Str(s.PostalCode),
            ["city"] = Str(s.City),
            ["language"] = new StringValue(s.Language),
        };
        if (!string.IsNullOrWhiteSpace(s.AttributesJson))
        {
            var attributes = new Dictionary<string, FluidValue>(StringComparer.Ordinal);
            try
            {
                using var json = JsonDocument.Parse(s.AttributesJson);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                    foreach (var property in json.RootElement.EnumerateObject())
                    {
                        var value = Json(property.Value);
                        attributes[property.Name] = value;
                        if (Array.IndexOf(Builtins, property.Name) < 0 && property.Name != "attributes") values[property.Name] = value;
                    }
            }
            catch (JsonException) { /* not an object: no attributes */ }
            values["attributes"] = new DictionaryValue(new FluidValueDictionaryFluidIndexable(attributes));
        }
        return new DictionaryValue(new FluidValueDictionaryFluidIndexable(values));
    }

    private static FluidValue Str(string? value) => value is null ? NilValue.Instance : new StringValue(value);

    private static FluidValue Json(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => new StringValue(e.GetString() ?? ""),
        JsonValueKind.Number => NumberValue.Create(e.GetDecimal()),
        JsonValueKind.True => BooleanValue.True,
        JsonValueKind.False => BooleanValue.False,
        JsonValueKind.Array => new ArrayValue(e.EnumerateArray().Select(Json).ToArray()),
        JsonValueKind.Object => new DictionaryValue(new FluidValueDictionaryFluidIndexable(
            e.EnumerateObject().ToDictionary(p => p.Name, p => Json(p.Value), StringComparer.Ordinal))),
        _ => NilValue.Instance,
    };

    /// <summary>Sample variables for checks and previews without a chosen subscriber.</summary>
    public static IReadOnlyDictionary<string, object?> SampleModel(CompositionSettings settings) => new Dictionary<string, object?>
    {
        ["subscriber.email"] = "erika.mustermann@example.com",
        ["subscriber.first_name"] = SendingText.Get("Sample.FirstName"),
        ["subscriber.last_name"] = SendingText.Get("Sample.LastName"),
        ["subscriber.postal_code"] = "12345",
        ["subscriber.city"] = SendingText.Get("Sample.City"),
        ["subscriber.language"] = "de",
        ["brand.name"] = settings.Brand.Name,
        ["brand.code"] = settings.Brand.Code,
        ["unsubscribe_url"] = settings.BaseUrl + "/",
        ["preferences_url"] = settings.BaseUrl + "/",
    };

    /// <summary>A sample subscriber (id 0) for previews and test mails.</summary>
    public static Subscriber SampleSubscriber(string email, string language = "de") => new()
    {
        Id = 0,
        Email = email,
        FirstName = SendingText.Get("Sample.FirstName"),
        LastName = SendingText.Get("Sample.LastName"),
        PostalCode = "12345",
        City = SendingText.Get("Sample.City"),
        Language = language,
    };

    private static string MessageIdDomain(string? fromAddress, string baseUrl)
    {
        if (!string.IsNullOrWhiteSpace(fromAddress) && fromAddress.IndexOf('@') is var at and > 0 && at < fromAddress.Length - 1)
            return fromAddress[(at + 1)..].Trim().ToLowerInvariant();
        return Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host : "joules.local";
    }
}
