using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace Joules.Core.Tests.Messaging.Outbox;

public sealed class DeliveryReportTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public async Task InitializeAsync() => await _database.MigrateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_report_is_stored_on_the_message_with_that_gateway_id_and_an_older_report_does_not_overwrite_it()
    {
        var id = await QueueSmsWithProviderIdAsync("gw-1");
        var now = DateTimeOffset.UtcNow;
        await using var db = _database.Context(new SystemUser());

        (await db.RecordDeliveryReportAsync(MessageChannel.Sms, "gw-1", DeliveryState.Delivered, "DELIVRD", now)).ShouldBeTrue();
        (await db.RecordDeliveryReportAsync(MessageChannel.Sms, "gw-1", DeliveryState.Deferred, "late and older", now.AddMinutes(-1))).ShouldBeTrue();

        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
        message.DeliveryState.ShouldBe(DeliveryState.Delivered);
        message.DeliveryDetail.ShouldBe("DELIVRD");
    }

    [Fact]
    public async Task A_report_for_an_unknown_id_or_another_channel_changes_nothing_and_says_so()
    {
        var id = await QueueSmsWithProviderIdAsync("gw-2");
        await using var db = _database.Context(new SystemUser());

        (await db.RecordDeliveryReportAsync(MessageChannel.Sms, "gw-unknown", DeliveryState.Delivered, null, DateTimeOffset.UtcNow)).ShouldBeFalse();
        (await db.RecordDeliveryReportAsync(MessageChannel.Messenger, "gw-2", DeliveryState.Delivered, null, DateTimeOffset.UtcNow)).ShouldBeFalse();
        (await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id)).DeliveryState.ShouldBe(DeliveryState.Unknown);
    }

    private async Task<Guid> QueueSmsWithProviderIdAsync(string providerId)
    {
        await using var db = _database.Context(new SystemUser());
        var queued = await db.QueueMessageAsync(MessageChannel.Sms, null, $"sms:{providerId}", "+491711234567", "", "Hallo");
        await db.SaveChangesAsync();
        await db.OutboxMessages.Where(m => m.Id == queued.Message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProviderMessageId, providerId).SetProperty(m => m.Status, OutboxStatus.Sent));
        return queued.Message.Id;
    }
}
