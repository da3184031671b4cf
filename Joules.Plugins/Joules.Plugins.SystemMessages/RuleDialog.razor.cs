using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Templates;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Joules.Plugins.SystemMessages;

public partial class RuleDialog
{
    [Inject] private RuleService Rules { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    /// <summary>The rule to edit (a copy is edited); null creates a new one.</summary>
    [Parameter] public NotificationRule? Rule { get; set; }
    [Parameter] public Guid BrandId { get; set; }

    private static readonly RecipientKind[] RecipientKinds =
    [
        RecipientKind.Customer, RecipientKind.SalesPartner, RecipientKind.SalesPartnerParent, RecipientKind.ResponsibleEmployee,
        RecipientKind.Role, RecipientKind.FixedAddresses,
    ];

    private static readonly string[] FieldErrors = ["Name", "FixedAddresses", "RoleName", "MessengerChannelId", "PartnerFilterId", "Channel"];

    private NotificationRule _rule = new();
    private string? _errorField, _error;
    private List<(string Key, string Name)> _events = [];
    private List<MessageChannel> _channels = [];
    private List<Choice> _messengerChannels = [];
    private List<Choice> _partners = [];

    protected override async Task OnInitializedAsync()
    {
        _rule = Rule?.Copy() ?? new NotificationRule { BrandId = BrandId, EventKey = MessageTemplateKeys.ContractStatusChanged, Language = "de" };
        _events = Rules.EventKeys.Select(k => (k.Key, k.Description)).OrderBy(e => e.Description, StringComparer.CurrentCultureIgnoreCase).ToList();
        if (!_events.Any(e => e.Key == _rule.EventKey)) _events.Add((_rule.EventKey, _rule.EventKey));
        // SMS only while an SMS plugin runs; a rule that already sends SMS keeps its channel (messages wait in the outbox).
        _channels = [MessageChannel.Mail, MessageChannel.Messenger];
        if (Rules.SmsAvailable || _rule.Channel == MessageChannel.Sms) _channels.Add(MessageChannel.Sms);
        _messengerChannels = await Rules.MessengerChannelsAsync(_rule.BrandId);
        if (_rule.MessengerChannelId is { } current && _messengerChannels.All(c => c.Id != current))
        {
            var all = await Rules.MessengerChannelsAsync(_rule.BrandId, includeDisabled: true);
            _messengerChannels.AddRange(all.Where(c => c.Id == current));
        }
        _partners = await Rules.PartnersAsync(_rule.BrandId);
    }

    private string? Error(string field) => _errorField == field ? _error : null;

    private async Task SaveAsync()
    {
        _rule.Name ??= "";
        try
        {
            await Rules.SaveAsync(_rule);
            Dialog.Close(DialogResult.Ok(_rule.Id));
        }
        catch (DomainException e)
        {
            (_errorField, _error) = (e.Field, e.Message);
            if (!FieldErrors.Contains(e.Field)) Snackbar.Add(e.Message, Severity.Error);
        }
    }
}
