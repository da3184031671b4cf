using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Messaging.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Joules.Host.Features.Common;

namespace Joules.Host.Features.Templates;

/// <summary>Editor for the message templates of a brand: overview of keys × languages, editing with variables,
/// validation, preview with sample values, saving as a new version and the version history.</summary>
public partial class TemplateEditorPage
{
    [Inject] private MessageTemplateService Service { get; set; } = default!;
    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = default!;
    [Inject] private IStringLocalizer<TemplateEditorPage> L { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;

    /// <summary>The channels a template can be written for; SMS is always offered (with a hint when no SMS plugin is active).</summary>
    private static readonly MessageChannel[] Channels = [MessageChannel.Mail, MessageChannel.Messenger, MessageChannel.Sms];


    private IReadOnlyList<BrandOption> _brands = [];
    private Guid _brandId;
    private IReadOnlyList<TemplateOverviewRow> _overview = [];
    private IReadOnlyList<MessageTemplate> _versions = [];
    private string _key = MessageTemplateKeys.ContractCreated;
    private string _language = "de";
    private string? _name, _subject, _html, _text, _loadedInfo, _error;
    private string _focused = "Text";
    private TemplateValidationResult? _validation;
    private RenderedMessage? _preview;
    private bool _saving, _smsAvailable;
    private MessageChannel _channel = MessageChannel.Mail;

    private bool HasSubject => _channel != MessageChannel.Sms;
    private bool HasHtml => _channel == MessageChannel.Mail;
    private string SubjectLabel => _channel == MessageChannel.Messenger ? L["MessengerTitle"] : L["Subject"];
    private string? Html => HasHtml ? _html : null;
    private string? Subject => HasSubject ? _subject : "";

    private static string ChannelIcon(MessageChannel channel) => channel switch
    {
        MessageChannel.Messenger => Icons.Material.Filled.Forum,
        MessageChannel.Sms => Icons.Material.Filled.Sms,
        _ => Icons.Material.Filled.Email,
    };

    protected override async Task OnInitializedAsync()
    {
        await using (var db = DbFactory.CreateDbContext())
        {
            _brands = await BrandOptions.LoadAsync(db);
            var own = db.User.BrandId;
            _brandId = own is { } id && _brands.Any(b => b.Id == id) ? id : _brands.FirstOrDefault()?.Id ?? Guid.Empty;
        }
        _smsAvailable = (Services.GetService(typeof(IMessageChannelAvailability)) as IMessageChannelAvailability)?.IsAvailable(MessageChannel.Sms) ?? false;
        if (_brands.Count == 0) return;
        await OpenAsync(_key, _language);
    }

    private async Task OnBrandChanged(Guid brandId)
    {
        _brandId = brandId;
        await OpenAsync(_key, _language);
    }

    private async Task OnChannelChanged(MessageChannel channel)
    {
        if (channel == _channel) return;
        _channel = channel;
        if (_focused == "Html" && !HasHtml || _focused == "Subject" && !HasSubject) _focused = "Text";
        await OpenAsync(_key, _language);
    }

    private async Task OpenAsync(string key, string language)
    {
        _key = key;
        _language = language;
        _validation = null;
        _preview = null;
        _error = null;
        var current = await Service.CurrentAsync(_brandId, key, language, channel: _channel);
        Load(current.Name, current.Subject, current.Html, current.Text);
        _loadedInfo = current.IsBuiltIn ? L["LoadedBuiltIn"]
            : current.Language != language ? L["LoadedFallback", current.Version, current.Language.ToUpperInvariant()]
            : L["LoadedVersion", current.Version, current.CreatedBy ?? "", current.CreatedAt?.ToLocalTime().ToString("g") ?? ""];
        _versions = await Service.VersionsAsync(_brandId, key, language, channel: _channel);
        _overview = await Service.OverviewAsync(_brandId, channel: _channel);
    }

    private void Load(string name, string subject, string? html, string text)
    {
        _name = name;
        _subject = subject;
        _html = html;
        _text = text;
    }

    private void ViewVersion(MessageTemplate version)
    {
        Load(version.Name, version.Subject, version.Html, version.Text);
        _loadedInfo = L["ViewingVersion", version.Version, version.CreatedBy, version.CreatedAt.ToLocalTime().ToString("g")];
        _validation = null;
        _preview = null;
    }

    private void Insert(string variable)
    {
        var snippet = "{{ " + variable + " }}";
        switch (_focused)
        {
            case "Subject" when HasSubject: _subject += snippet; break;
            case "Html" when HasHtml: _html += snippet; break;
            default: _text += snippet; break;
        }
    }

    private void Check()
    {
        _error = null;
        _validation = Service.Validate(_key, Subject, Html, _text, _channel);
        if (_validation.Issues.Count == 0) Snackbar.Add(L["CheckOk"], Severity.Success);
    }

    private async Task PreviewAsync()
    {
        Check();
        _preview = null;
        if (!_validation!.IsValid) return;
        try { _preview = await Service.PreviewAsync(_key, Subject ?? "", Html, _text ?? "", _language); }
        catch (TemplateRenderException e) { _error = e.Message; }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        _error = null;
        _validation = Service.Validate(_key, Subject, Html, _text, _channel);
        try
        {
            var saved = await Service.SaveAsync(_brandId, _key, _language, _name ?? "", Subject ?? "", Html, _text ?? "", channel: _channel);
            Snackbar.Add(L["Saved", saved.Version], Severity.Success);
            await OpenAsync(_key, _language);
            _validation = Service.Validate(_key, Subject, Html, _text, _channel);
        }
        catch (DomainException e)
        {
            _error = e.Message;
            Snackbar.Add(e.Message, Severity.Error);
        }
        finally { _saving = false; }
    }
}
