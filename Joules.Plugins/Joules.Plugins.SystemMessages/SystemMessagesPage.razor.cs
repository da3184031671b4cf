using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Templates;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Joules.Plugins.SystemMessages;

public partial class SystemMessagesPage
{
    [Inject] private RuleService Rules { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private List<(Guid Id, string Name)> _brands = [];
    private Guid _brandId;
    private List<NotificationRule> _rules = [];
    private Dictionary<Guid, string> _messengerNames = [];
    private bool _loading = true;

    protected override async Task OnInitializedAsync()
    {
        _brands = await Rules.BrandsAsync();
        if (_brands.Count == 0) return;
        // The user's own brand first; administrators without one start with the first brand by name.
        _brandId = _brands.Any(b => b.Id == Rules.UserBrandId) ? Rules.UserBrandId!.Value : _brands[0].Id;
        await LoadAsync();
    }

    private async Task BrandChangedAsync(Guid brandId)
    {
        _brandId = brandId;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _rules = await Rules.RulesAsync(_brandId);
        _messengerNames = (await Rules.MessengerChannelsAsync(_brandId, includeDisabled: true)).ToDictionary(c => c.Id, c => c.Name);
        _loading = false;
    }

    private string EventText(NotificationRule rule)
    {
        var text = Rules.EventName(rule.EventKey);
        if (rule.EventKey == MessageTemplateKeys.ContractStatusChanged)
            text += " → " + (rule.StatusFilter is { } s ? ContractStatusText.Label(s) : L["AnyStatus"].Value);
        return text;
    }

    private string RecipientText(NotificationRule rule)
    {
        if (rule.Channel == MessageChannel.Messenger)
            return rule.MessengerChannelId is { } id && _messengerNames.TryGetValue(id, out var name) ? name : L["MessengerMissing"].Value;
        var text = rule.RecipientKind switch
        {
            RecipientKind.FixedAddresses => rule.FixedAddresses ?? "",
            RecipientKind.Role => L["Recipient.Role"].Value + ": " + L["Role." + rule.RoleName].Value,
            _ => L["Recipient." + rule.RecipientKind].Value,
        };
        var conditions = new List<string>();
        if (rule.PartnerFilterId is not null) conditions.Add(rule.IncludeSubPartners ? L["ConditionPartnerTree"].Value : L["ConditionPartner"].Value);
        if (rule.CommodityFilter is { } commodity) conditions.Add(L["Commodity." + commodity].Value);
        return conditions.Count == 0 ? text : $"{text} ({string.Join(", ", conditions)})";
    }

    private async Task TestAsync(NotificationRule rule)
    {
        var parameters = new DialogParameters<RuleTestDialog> { { d => d.Rule, rule } };
        await Dialogs.ShowAsync<RuleTestDialog>(L["TestTitle", rule.Name], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true });
    }

    private async Task EditAsync(NotificationRule? rule)
    {
        var parameters = new DialogParameters<RuleDialog> { { d => d.Rule, rule }, { d => d.BrandId, _brandId } };
        var dialog = await Dialogs.ShowAsync<RuleDialog>(rule is null ? L["NewRule"] : L["EditRule"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add(L["Saved"], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task SetEnabledAsync(NotificationRule rule, bool enabled)
    {
        try
        {
            await Rules.SetEnabledAsync(rule.Id, enabled);
            rule.Enabled = enabled;
        }
        catch (DomainException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }

    private async Task DeleteAsync(NotificationRule rule)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["DeleteTitle"], L["DeleteText", rule.Name], yesText: L["Delete"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        try
        {
            await Rules.DeleteAsync(rule.Id);
            Snackbar.Add(L["Deleted"], Severity.Success);
            await LoadAsync();
        }
        catch (DomainException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }
}
