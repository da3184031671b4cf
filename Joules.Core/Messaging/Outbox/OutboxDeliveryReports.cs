using Joules.Core.Data;
using Joules.Core.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Messaging.Outbox;

/// <summary>Records what a gateway reported after hand-over (SMS delivery reports, mail bounces) on the outbox row.</summary>
public static class OutboxDeliveryReports
{
    private const int MaxDetailLength = 500;

    /// <summary>Stores <paramref name="state"/> on the message the gateway knows as <paramref name="providerMessageId"/>.
    /// Reports arriving out of order do not overwrite a newer one. Returns false if no message has that id (yet): the
    /// gateway may report before the outbox stored the id, so callers keep such reports and try again.</summary>
    public static async Task<bool> RecordDeliveryReportAsync(this JoulesDbContext db, MessageChannel channel, string providerMessageId,
        DeliveryState state, string? detail, DateTimeOffset reportedAt, CancellationToken ct = default)
    {
        var text = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail;
        var message = db.OutboxMessages.Where(m => m.Channel == channel && m.ProviderMessageId == providerMessageId);
        if (!await message.AnyAsync(ct)) return false;
        await message.Where(m => m.DeliveryReportedAt == null || m.DeliveryReportedAt <= reportedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveryState, state).SetProperty(m => m.DeliveryDetail, text)
                .SetProperty(m => m.DeliveryReportedAt, reportedAt), ct);
        return true;
    }
}
