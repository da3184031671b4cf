using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Messenger;
using Joules.Core.Messaging.Outbox;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Joules.Host.Features.Outbox;

/// <summary>The message outbox: every queued, sent and failed message with filters, status counts, details and "retry now".</summary>
public partial class OutboxList
{
    [Inject] private IOutboxAdministration Outbox { get; set; } = default!;
    [Inject] private IStringLocalizer<OutboxList> L { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;

    private IReadOnlyDictionary<Guid, string> _channelNames = new Dictionary<Guid, string>();

    private MudTable<OutboxMessage>? _table;
    private IReadOnlyDictionary<OutboxStatus, int> _counts = new Dictionary<OutboxStatus, int>();
    private OutboxStatus? _status;
    private MessageChannel? _channel;
    private string? _text;
    private DateTime? _from, _to;

    private int FailedCount => _counts.GetValueOrDefault(OutboxStatus.Failed);

    private OutboxSearch Search(int page = 0, int pageSize = 50) => new(_status, _channel, _text,
        _from is { } f ? DateOnly.FromDateTime(f) : null, _to is { } t ? DateOnly.FromDateTime(t) : null, page, pageSize);

    private async Task<TableData<OutboxMessage>> LoadAsync(TableState state, CancellationToken ct)
    {
        var search = Search(state.Page, state.PageSize);
        var result = await Outbox.SearchAsync(search, ct);
        _counts = await Outbox.CountsAsync(search, ct);
        _channelNames = await ChannelNamesAsync(Services, result.Items, ct);
        _ = InvokeAsync(StateHasChanged); // the counts and the "retry all" button live outside the table
        return new TableData<OutboxMessage> { Items = result.Items, TotalItems = result.Total };
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;
    private Task StatusChanged(OutboxStatus? v) { _status = v; return ReloadAsync(); }
    private Task ChannelChanged(MessageChannel? v) { _channel = v; return ReloadAsync(); }
    private Task TextChanged(string? v) { _text = v; return ReloadAsync(); }
    private Task FromChanged(DateTime? v) { _from = v; return ReloadAsync(); }
    private Task ToChanged(DateTime? v) { _to = v; return ReloadAsync(); }

    /// <summary>Names of the messenger channels the messages go to (the page shows them instead of the ids).</summary>
    internal static async Task<IReadOnlyDictionary<Guid, string>> ChannelNamesAsync(IServiceProvider services, IEnumerable<OutboxMessage> messages,
        CancellationToken ct = default)
    {
        var ids = messages.Where(m => m.Channel == MessageChannel.Messenger).Select(m => Guid.TryParse(m.To, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).ToList();
        if (ids.Count == 0 || services.GetService(typeof(MessengerChannelService)) is not MessengerChannelService channels) return new Dictionary<Guid, string>();
        return await channels.NamesAsync(ids, ct);
    }

    /// <summary>The recipient as people read it: the messenger channel's name, else <see cref="OutboxMessage.To"/>.</summary>
    internal static string Recipient(OutboxMessage message, IReadOnlyDictionary<Guid, string> channelNames) =>
        message.Channel == MessageChannel.Messenger && Guid.TryParse(message.To, out var id) && channelNames.TryGetValue(id, out var name) ? name : message.To;

    internal static bool CanRetry(OutboxMessage message) => message.Status is OutboxStatus.Failed or OutboxStatus.Queued;

    private string StatusText(OutboxStatus status) => L["Status." + status];
    private string ChannelText(MessageChannel channel) => L["Channel." + channel];
    private static string Shorten(string text) => text.Length > 160 ? text[..160] + "…" : text;

    internal static Color StatusColor(OutboxStatus status) => status switch
    {
        OutboxStatus.Sent => Color.Success,
        OutboxStatus.Failed => Color.Error,
        OutboxStatus.Sending => Color.Info,
        _ => Color.Warning,
    };

    private async Task RowClicked(TableRowClickEventArgs<OutboxMessage> args)
    {
        if (args.Item is null) return;
        var parameters = new DialogParameters<OutboxDetailDialog> { { d => d.MessageId, args.Item.Id } };
        var dialog = await Dialogs.ShowAsync<OutboxDetailDialog>(L["DetailTitle"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true });
        var result = await dialog.Result;
        if (result is { Canceled: false }) await ReloadAsync();
    }

    private async Task RetryAsync(OutboxMessage message)
    {
        if (await Outbox.RetryNowAsync(message.Id)) Snackbar.Add(L["Retried", Recipient(message, _channelNames)], Severity.Success);
        else Snackbar.Add(L["NotRetried"], Severity.Warning);
        await ReloadAsync();
    }

    private async Task RetryAllFailedAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["RetryAllTitle"], L["RetryAllText", FailedCount], yesText: L["RetryAllYes"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        var count = await Outbox.RetryAllFailedAsync();
        Snackbar.Add(L["RetriedAll", count], Severity.Success);
        await ReloadAsync();
    }
}
