using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Joules.Plugins.SystemMessages;

public partial class RuleTestDialog
{
    [Inject] private RuleTester Tester { get; set; } = default!;
    [Inject] private RuleService Rules { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Parameter, EditorRequired] public NotificationRule Rule { get; set; } = default!;

    private bool _fromContract = true;
    private ContractChoice? _contract;
    private RuleTestResult? _result;
    private string? _error, _sendError, _to;
    private bool _running, _sending;
    private List<Choice> _channels = [];

    protected override async Task OnInitializedAsync()
    {
        if (Rule.Channel == MessageChannel.Messenger)
        {
            _channels = await Rules.MessengerChannelsAsync(Rule.BrandId);
            _to = (Rule.MessengerChannelId is { } id && _channels.Any(c => c.Id == id) ? id : _channels.FirstOrDefault()?.Id)?.ToString();
        }
    }

    private async Task<IEnumerable<ContractChoice>> SearchAsync(string? text, CancellationToken ct) =>
        await Tester.SearchContractsAsync(Rule.BrandId, text, ct);

    private async Task RunAsync()
    {
        _running = true;
        _error = null;
        try
        {
            var domainEvent = await Tester.SampleEventAsync(Rule, _fromContract ? _contract?.Id : null);
            _result = await Tester.RunAsync(Rule, domainEvent);
        }
        catch (DomainException e)
        {
            _error = e.Message;
            _result = null;
        }
        finally
        {
            _running = false;
        }
    }

    private async Task SendAsync()
    {
        if (_result?.Rendered is not { } rendered) return;
        _sending = true;
        _sendError = null;
        try
        {
            await Tester.SendAsync(Rule, rendered, _to);
            Snackbar.Add(L["Sent"], Severity.Success);
        }
        catch (DomainException e)
        {
            _sendError = e.Message;
            if (Rule.Channel == MessageChannel.Messenger) Snackbar.Add(e.Message, Severity.Error);
        }
        finally
        {
            _sending = false;
        }
    }
}
