using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Shouldly;

namespace Joules.Core.Tests.Messaging.Outbox;

public sealed class OutboxTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeMailTransport _transport = new();
    private readonly TestClock _clock = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJoulesCore(_database.Options);
        services.AddSingleton<IMailTransport>(_transport);
        services.AddSingleton<TimeProvider>(_clock);
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private OutboxSender NewSender() => ActivatorUtilities.CreateInstance<OutboxSender>(_services);

    private async Task<OutboxMessage> QueueAsync(string key, string to = "erika.muster@example.de", string? html = "<p>Hallo</p>")
    {
        await using var db = _database.Context(new SystemUser());
        var queued = await db.QueueMailAsync(null, key, to, "Ihre Bestellung", html, "Hallo", source: "test");
        await db.SaveChangesAsync();
        return queued.Message;
    }

    private async Task<OutboxMessage> LoadAsync(Guid id)
    {
        await using var db = _database.Context(new SystemUser());
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task Message_is_committed_with_the_business_change_and_rolled_back_with_it()
    {
        await using (var db = _database.Context(new SystemUser()))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Brands.Add(new Brand("ROLL", "Rollback Energie"));
            await db.QueueMailAsync(null, "welcome:ROLL", "info@example.de", "Willkommen", null, "Hallo");
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        await using (var db = _database.Context(new SystemUser()))
        {
            db.Brands.Add(new Brand("KEEP", "Keep Energie"));
            await db.QueueMailAsync(null, "welcome:KEEP", "info@example.de", "Willkommen", null, "Hallo");
            await db.SaveChangesAsync();
        }

        await using var check = _database.Context(new SystemUser());
        (await check.Brands.AnyAsync(b => b.Code == "ROLL")).ShouldBeFalse();
        (await check.OutboxMessages.Select(m => m.IdempotencyKey).ToListAsync()).ShouldBe(["welcome:KEEP"]);
    }

    [Theory]
    [InlineData("erika@example.de, kaputt@", "kaputt@")]
    [InlineData("keine-adresse", "keine-adresse")]
    [InlineData("erika@example.de; @example.de", "@example.de")]
    public async Task Rejects_invalid_recipient_naming_the_address(string to, string bad)
    {
        await using var db = _database.Context(new SystemUser());
        var ex = await Should.ThrowAsync<DomainException>(() => db.QueueMailAsync(null, "k1", to, "Betreff", null, "Text"));
        ex.Message.ShouldContain(bad);
        ex.Field.ShouldBe("To");
        db.OutboxMessages.Local.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rejects_mail_without_recipient()
    {
        await using var db = _database.Context(new SystemUser());
        await Should.ThrowAsync<DomainException>(() => db.QueueMailAsync(null, "k1", " , ", "Betreff", null, "Text"));
    }

    [Fact]
    public async Task Same_idempotency_key_queues_one_message()
    {
        await using (var db = _database.Context(new SystemUser()))
        {
            var first = await db.QueueMailAsync(null, "order:42", "a@example.de", "Eins", null, "1");
            var again = await db.QueueMailAsync(null, "order:42", "b@example.de", "Zwei", null, "2");
            first.Added.ShouldBeTrue();
            again.Added.ShouldBeFalse();
            again.Message.ShouldBeSameAs(first.Message);
            await db.SaveChangesAsync();
        }
        await using (var db = _database.Context(new SystemUser()))
        {
            var later = await db.QueueMailAsync(null, "order:42", "c@example.de", "Drei", null, "3");
            later.Added.ShouldBeFalse();
            later.Message.Subject.ShouldBe("Eins");
            await db.SaveChangesAsync();
        }
        await using var check = _database.Context(new SystemUser());
        (await check.OutboxMessages.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Many_messages_queued_in_one_context_each_find_their_own_key()
    {
        await using (var db = _database.Context(new SystemUser()))
        {
            for (var i = 0; i < 300; i++)
                (await db.QueueMailAsync(null, $"bulk:{i}", "a@example.de", $"Nr. {i}", null, "x")).Added.ShouldBeTrue();
            var again = await db.QueueMailAsync(null, "bulk:150", "b@example.de", "anders", null, "y");
            again.Added.ShouldBeFalse();
            again.Message.Subject.ShouldBe("Nr. 150");
            await db.SaveChangesAsync();
            (await db.QueueMailAsync(null, "bulk:299", "b@example.de", "anders", null, "y")).Message.Subject.ShouldBe("Nr. 299");
        }
        await using var check = _database.Context(new SystemUser());
        (await check.OutboxMessages.CountAsync(m => m.IdempotencyKey.StartsWith("bulk:"))).ShouldBe(300);
    }

    [Fact]
    public async Task A_message_removed_from_the_context_before_saving_can_be_queued_again()
    {
        await using var db = _database.Context(new SystemUser());
        var first = await db.QueueMailAsync(null, "order:77", "a@example.de", "Eins", null, "1");
        db.OutboxMessages.Remove(first.Message);
        var again = await db.QueueMailAsync(null, "order:77", "b@example.de", "Zwei", null, "2");

        again.Added.ShouldBeTrue();
        again.Message.ShouldNotBeSameAs(first.Message);
        await db.SaveChangesAsync();
        (await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.IdempotencyKey == "order:77")).Subject.ShouldBe("Zwei");
    }

    [Fact]
    public async Task A_message_loaded_by_a_query_or_tracked_before_the_first_queue_call_is_found_by_its_key()
    {
        await QueueAsync("order:88");
        await using var db = _database.Context(new SystemUser());
        var loaded = await db.OutboxMessages.SingleAsync(m => m.IdempotencyKey == "order:88");
        var attached = OutboxMessage.Create(MessageChannel.Mail, null, "order:89", "a@example.de", "Angehängt", null, "t", DateTimeOffset.UtcNow);
        db.OutboxMessages.Add(attached);

        var again = await db.QueueMailAsync(null, "order:88", "b@example.de", "Zwei", null, "2");
        var added = await db.QueueMailAsync(null, "order:89", "b@example.de", "Zwei", null, "2");

        again.Added.ShouldBeFalse();
        again.Message.ShouldBeSameAs(loaded);
        added.Added.ShouldBeFalse();
        added.Message.ShouldBeSameAs(attached);
        db.ChangeTracker.Clear();
        var afterClear = await db.QueueMailAsync(null, "order:89", "c@example.de", "Drei", null, "3");
        afterClear.Added.ShouldBeTrue();
    }

    [Fact]
    public async Task Smtp_down_keeps_the_message_queued_and_it_is_sent_once_when_smtp_is_back()
    {
        var message = await QueueAsync("down:1");
        _transport.Down = true;
        var sender = NewSender();

        (await sender.SendPendingAsync()).ShouldBe(0);
        var waiting = await LoadAsync(message.Id);
        waiting.Status.ShouldBe(OutboxStatus.Queued);
        waiting.Attempts.ShouldBe(1);
        waiting.LastError!.ShouldContain("Connection refused");
        waiting.NextAttemptAt.ShouldBeGreaterThan(_clock.Now);
        waiting.LockedBy.ShouldBeNull();

        _transport.Down = false;
        (await sender.SendPendingAsync()).ShouldBe(0); // not due yet
        _clock.Now = waiting.NextAttemptAt;
        (await sender.SendPendingAsync()).ShouldBe(1);
        (await sender.SendPendingAsync()).ShouldBe(0);

        _transport.Sent.Count.ShouldBe(1);
        var sent = await LoadAsync(message.Id);
        sent.Status.ShouldBe(OutboxStatus.Sent);
        sent.SentAt.ShouldBe(_clock.Now);
        sent.Attempts.ShouldBe(2);
        sent.LastError.ShouldBeNull();
    }

    [Fact]
    public async Task Back_off_doubles_and_gives_up_after_the_last_attempt()
    {
        OutboxSender.Backoff(1).ShouldBe(TimeSpan.FromSeconds(30));
        OutboxSender.Backoff(2).ShouldBe(TimeSpan.FromSeconds(60));
        OutboxSender.Backoff(9).ShouldBe(TimeSpan.FromHours(1));

        var message = await QueueAsync("down:many");
        _transport.Down = true;
        var sender = NewSender();
        for (var i = 0; i < OutboxSender.MaxAttempts; i++)
        {
            await sender.SendPendingAsync();
            _clock.Now += TimeSpan.FromHours(2);
        }
        var failed = await LoadAsync(message.Id);
        failed.Status.ShouldBe(OutboxStatus.Failed);
        failed.Attempts.ShouldBe(OutboxSender.MaxAttempts);
    }

    [Fact]
    public async Task Message_left_sending_by_a_crashed_process_is_reclaimed_after_its_lease_and_sent_once()
    {
        var crashed = await QueueAsync("crash:expired");
        var busy = await QueueAsync("crash:still-leased");
        await using (var db = _database.Context(new SystemUser()))
        {
            await db.OutboxMessages.Where(m => m.Id == crashed.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.LockedBy, "dead-node").SetProperty(m => m.LockedUntil, _clock.Now.AddMinutes(-1)));
            await db.OutboxMessages.Where(m => m.Id == busy.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.LockedBy, "live-node").SetProperty(m => m.LockedUntil, _clock.Now.AddMinutes(3)));
        }

        var sender = NewSender();
        (await sender.SendPendingAsync()).ShouldBe(1);
        (await sender.SendPendingAsync()).ShouldBe(0);

        _transport.Sent.Select(m => m.MessageId).ShouldBe([MailChannelSender.MessageIdFor("crash:expired")]);
        (await LoadAsync(crashed.Id)).Status.ShouldBe(OutboxStatus.Sent);
        (await LoadAsync(busy.Id)).Status.ShouldBe(OutboxStatus.Sending);
    }

    [Fact]
    public async Task Permanent_refusal_fails_the_message_at_once_with_the_reason()
    {
        var message = await QueueAsync("refused:1");
        _transport.Refuses = true;
        await NewSender().SendPendingAsync();

        var failed = await LoadAsync(message.Id);
        failed.Status.ShouldBe(OutboxStatus.Failed);
        failed.Attempts.ShouldBe(1);
        failed.LastError.ShouldBe("550 5.1.1 Mailbox unknown");
    }

    [Fact]
    public async Task Mail_has_subject_recipients_and_text_and_html_alternatives()
    {
        var message = await QueueAsync("content:1", "Erika Muster <erika@example.de>; max@example.de", "<p>Hallo <b>Erika</b></p>");
        await QueueAsync("content:text-only", "max@example.de", html: null);
        await NewSender().SendPendingAsync();

        var mime = _transport.Sent.Single(m => m.MessageId == MailChannelSender.MessageIdFor("content:1"));
        mime.Subject.ShouldBe("Ihre Bestellung");
        mime.To.Mailboxes.Select(m => m.Address).ShouldBe(["erika@example.de", "max@example.de"]);
        mime.To.Mailboxes.First().Name.ShouldBe("Erika Muster");
        mime.Headers[MailChannelSender.OutboxIdHeader].ShouldBe(message.Id.ToString());
        var alternative = mime.Body.ShouldBeOfType<MultipartAlternative>();
        alternative.OfType<TextPart>().Select(p => p.ContentType.MimeType).ShouldBe(["text/plain", "text/html"]);
        mime.TextBody.ShouldBe("Hallo");
        mime.HtmlBody.ShouldBe("<p>Hallo <b>Erika</b></p>");

        var plain = _transport.Sent.Single(m => m.MessageId == MailChannelSender.MessageIdFor("content:text-only"));
        plain.Body.ShouldBeOfType<TextPart>().ContentType.MimeType.ShouldBe("text/plain");
        MailChannelSender.MessageIdFor("content:1").ShouldNotBe(MailChannelSender.MessageIdFor("content:2"));
    }

    [Fact]
    public async Task Mail_carries_the_queue_time_as_date_and_one_message_id_derived_from_its_key()
    {
        var queued = await QueueAsync("content:date", html: "<p>Grüße</p>");
        var stored = await LoadAsync(queued.Id);

        var mime = MailChannelSender.BuildMimeMessage(stored);

        mime.MessageId.ShouldBe(MailChannelSender.MessageIdFor("content:date"));
        (mime.Date - stored.CreatedAt).Duration().ShouldBeLessThan(TimeSpan.FromSeconds(1));
        mime.From.Count.ShouldBe(0); // the transport fills in the brand's sender
        mime.Headers.Count(h => h.Id == HeaderId.MessageId).ShouldBe(1);
        mime.Headers.Count(h => h.Id == HeaderId.Date).ShouldBe(1);
        mime.Headers.Count(h => h.Id == HeaderId.Subject).ShouldBe(1);
        using var written = new MemoryStream();
        await mime.WriteToAsync(written);
        var raw = System.Text.Encoding.UTF8.GetString(written.ToArray());
        raw.ShouldContain($"Message-Id: <{MailChannelSender.MessageIdFor("content:date")}>");
        raw.ShouldContain("Subject: Ihre Bestellung");
        MimeMessage.Load(new MemoryStream(written.ToArray())).HtmlBody.ShouldBe("<p>Grüße</p>");
    }

    [Fact]
    public async Task Two_nodes_claim_disjoint_messages_and_every_message_is_sent_once()
    {
        await using (var db = _database.Context(new SystemUser()))
        {
            for (var i = 0; i < 150; i++) await db.QueueMailAsync(null, $"race:{i}", $"kunde{i}@example.de", $"Nachricht {i}", null, "Text");
            await db.SaveChangesAsync();
        }
        var one = NewSender();
        var two = NewSender();
        one.Node.ShouldNotBe(two.Node);

        var claims = await Task.WhenAll(Task.Run(() => one.ClaimBatchAsync()), Task.Run(() => two.ClaimBatchAsync()));
        claims[0].Select(m => m.Id).Intersect(claims[1].Select(m => m.Id)).ShouldBeEmpty();
        (claims[0].Count + claims[1].Count).ShouldBeGreaterThan(0);

        // The claimed ones are now leased; expire the leases so the full race runs over all 150.
        _clock.Now += OutboxSender.Lease + TimeSpan.FromSeconds(1);
        var sent = await Task.WhenAll(Task.Run(() => one.SendPendingAsync()), Task.Run(() => two.SendPendingAsync()));

        sent.Sum().ShouldBe(150);
        _transport.Sent.Count.ShouldBe(150);
        _transport.Sent.Select(m => m.MessageId).Distinct().Count().ShouldBe(150);
        await using var check = _database.Context(new SystemUser());
        (await check.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent)).ShouldBe(150);
    }

    [Fact]
    public async Task Message_for_a_channel_without_sender_waits_in_the_queue()
    {
        Guid id;
        await using (var db = _database.Context(new SystemUser()))
        {
            id = (await db.QueueMessageAsync(MessageChannel.Sms, null, "sms:1", "+4917612345678", "", "Ihr Code: 1234")).Message.Id;
            await db.SaveChangesAsync();
        }
        await NewSender().SendPendingAsync();

        var waiting = await LoadAsync(id);
        waiting.Status.ShouldBe(OutboxStatus.Queued);
        waiting.Attempts.ShouldBe(0);
        waiting.LastError.ShouldBe("Kanal Sms nicht verfügbar.");
        waiting.NextAttemptAt.ShouldBeGreaterThan(_clock.Now);
        _transport.Sent.ShouldBeEmpty();
    }
}
