using Joules.Core.Data;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace Joules.Core.Tests.Messaging.Outbox;

public sealed class OutboxAdministrationTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public async Task InitializeAsync() => await _database.MigrateAsync();
    public async Task DisposeAsync() => await _database.DisposeAsync();

    private OutboxAdministration Admin(ICurrentUser user) => new(new Factory(_database, user));

    private async Task<Guid> QueueAsync(string key, string to, string subject, OutboxStatus status, Guid? brandId = null, MessageChannel channel = MessageChannel.Mail)
    {
        await using var db = _database.Context(new SystemUser());
        var message = channel == MessageChannel.Mail
            ? (await db.QueueMailAsync(brandId, key, to, subject, null, "Text")).Message
            : (await db.QueueMessageAsync(channel, brandId, key, to, subject, "Text")).Message;
        message.Status = status;
        if (status == OutboxStatus.Failed) { message.Attempts = 3; message.LastError = "550 nope"; }
        message.NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1);
        await db.SaveChangesAsync();
        return message.Id;
    }

    [Fact]
    public async Task Filters_by_status_channel_and_text_and_counts_per_status()
    {
        await QueueAsync("a", "erika@example.de", "Auftragsbestätigung", OutboxStatus.Sent);
        await QueueAsync("b", "max@example.de", "Auftragsbestätigung", OutboxStatus.Failed);
        await QueueAsync("c", "max@example.de", "Zugangsdaten", OutboxStatus.Queued);
        await QueueAsync("d", "+4917612345678", "", OutboxStatus.Queued, channel: MessageChannel.Sms);
        var admin = Admin(new SystemUser());

        (await admin.SearchAsync(new OutboxSearch())).Total.ShouldBe(4);
        (await admin.SearchAsync(new OutboxSearch(Text: "MAX@"))).Items.Select(m => m.IdempotencyKey).OrderBy(k => k).ShouldBe(["b", "c"]);
        (await admin.SearchAsync(new OutboxSearch(Text: "bestätigung", Status: OutboxStatus.Failed))).Items.Single().IdempotencyKey.ShouldBe("b");
        (await admin.SearchAsync(new OutboxSearch(Channel: MessageChannel.Sms))).Items.Single().IdempotencyKey.ShouldBe("d");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await admin.SearchAsync(new OutboxSearch(CreatedFrom: today.AddDays(1)))).Total.ShouldBe(0);
        (await admin.SearchAsync(new OutboxSearch(CreatedFrom: today, CreatedTo: today))).Total.ShouldBe(4);
        (await admin.SearchAsync(new OutboxSearch(PageSize: 3, Page: 1))).Items.Count.ShouldBe(1);

        var counts = await admin.CountsAsync(new OutboxSearch(Status: OutboxStatus.Sent));
        (counts[OutboxStatus.Queued], counts[OutboxStatus.Sent], counts[OutboxStatus.Failed], counts[OutboxStatus.Sending]).ShouldBe((2, 1, 1, 0));
    }

    [Fact]
    public async Task Retry_now_requeues_a_failed_message_keeps_attempts_and_is_audited()
    {
        var failed = await QueueAsync("f", "max@example.de", "Rechnung", OutboxStatus.Failed);
        var sent = await QueueAsync("s", "max@example.de", "Rechnung", OutboxStatus.Sent);
        var admin = Admin(new SystemUser("admin"));

        (await admin.RetryNowAsync(failed)).ShouldBeTrue();
        (await admin.RetryNowAsync(sent)).ShouldBeFalse();

        await using var db = _database.Context(new SystemUser());
        var message = await db.OutboxMessages.SingleAsync(m => m.Id == failed);
        message.Status.ShouldBe(OutboxStatus.Queued);
        message.Attempts.ShouldBe(3);
        message.NextAttemptAt.ShouldBeLessThanOrEqualTo(DateTimeOffset.UtcNow);
        (await db.AuditEntries.SingleAsync(a => a.Action == "OutboxRetry")).EntityId.ShouldBe(failed.ToString());
        (await db.OutboxMessages.SingleAsync(m => m.Id == sent)).Status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task Retry_all_failed_requeues_only_failed_messages_of_the_users_brand()
    {
        var brand = await _database.AddBrandAsync("NORD", "Nordstrom");
        var other = await _database.AddBrandAsync("SUED", "Südstrom");
        await QueueAsync("f1", "a@example.de", "x", OutboxStatus.Failed, brand.Id);
        await QueueAsync("f2", "b@example.de", "x", OutboxStatus.Failed, other.Id);
        await QueueAsync("s1", "c@example.de", "x", OutboxStatus.Sent, brand.Id);

        var staff = Admin(new SystemUser("staff", brand.Id));
        (await staff.SearchAsync(new OutboxSearch())).Total.ShouldBe(2);
        (await staff.RetryAllFailedAsync()).ShouldBe(1);

        await using var db = _database.Context(new SystemUser());
        (await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed).Select(m => m.IdempotencyKey).ToListAsync()).ShouldBe(["f2"]);
        (await db.AuditEntries.CountAsync(a => a.Action == "OutboxRetryAllFailed")).ShouldBe(1);
    }

    private sealed class Factory(SqliteTestDatabase database, ICurrentUser user) : IDbContextFactory<JoulesDbContext>
    {
        public JoulesDbContext CreateDbContext() => database.Context(user);
    }
}
