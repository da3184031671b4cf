using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Joules.Plugins.Newsletter.Campaigns;

public partial class CampaignPreviewPanel
{
    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private CampaignService Campaigns { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public CampaignDraft Draft { get; set; } = default!;

    /// <summary>Called before a test send (the editor saves the draft); false stops the send.</summary>
    [Parameter] public Func<Task<bool>>? BeforeTestSend { get; set; }

    private ICampaignPreview? Preview => Services.GetService<ICampaignPreview>();

    private byte _variant;
    private SubscriberChoice? _recipient;
    private string _width = "both";
    private RenderedMail? _mail;
    private string? _error;
    private string? _testAddress;
    private string? _testError;
    private bool _busy;

    private Task<IEnumerable<SubscriberChoice>> SearchAsync(string? text, CancellationToken ct) =>
        Campaigns.SearchSubscribersAsync(Draft.Campaign.BrandId, text, ct).ContinueWith(t => (IEnumerable<SubscriberChoice>)t.Result, ct,
            TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    private byte CurrentVariant => Draft.Campaign.AbTest == AbTestKind.None ? (byte)0 : _variant;

    private async Task RenderAsync()
    {
        if (Preview is not { } preview) return;
        _busy = true;
        _error = null;
        try
        {
            _mail = await preview.RenderAsync(Draft.Campaign, CurrentVariant, _recipient?.Id);
        }
        catch (DomainException e)
        {
            _mail = null;
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SendTestAsync()
    {
        if (Preview is not { } preview) return;
        _testError = null;
        var address = _testAddress?.Trim() ?? "";
        if (!CampaignService.IsEmail(address))
        {
            _testError = string.IsNullOrEmpty(address) ? L["TestAddressRequired"] : L["TestAddressInvalid", address];
            return;
        }
        _busy = true;
        try
        {
            if (BeforeTestSend is not null && !await BeforeTestSend()) return;
            await preview.SendTestAsync(Draft.Campaign, CurrentVariant, address);
            Snackbar.Add(L["TestSent", address], Severity.Success);
        }
        catch (DomainException e)
        {
            _testError = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
