using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using MimeKit;

namespace Joules.Core.Messaging.Outbox;

/// <summary>The result of queuing a message: the outbox row, and whether this call added it (false: a message with the
/// same idempotency key was already queued, in the database or earlier in this context).</summary>
public readonly record struct QueuedMessage(OutboxMessage Message, bool Added);

/// <summary>Queues messages in the caller's context, so they are committed in the same transaction as the business change
/// that caused them (and rolled back with it). The outbox sender picks them up after the save.</summary>
/// <example><code>
/// db.Contracts.Add(contract);
/// await db.QueueMailAsync(contract.BrandId, $"contract-confirmation:{contract.Id}", customer.Email,
///     subject, html, text, source: "contract-capture");
/// await db.SaveChangesAsync();   // contract and message are stored together
/// </code></example>
public static class OutboxWriter
{
    private static readonly ParserOptions StrictAddresses = new()
    {
        AllowAddressesWithoutDomain = false,
        AddressParserComplianceMode = RfcComplianceMode.Strict,
    };

    private static readonly ConditionalWeakTable<DbContext, object> Hooked = new();

    // The lookup by idempotency key, compiled once per model (each provider has its own).
    private static readonly ConcurrentDictionary<IModel, Func<JoulesDbContext, string, CancellationToken, Task<OutboxMessage?>>> ByKeyQueries = new();

    private static Func<JoulesDbContext, string, CancellationToken, Task<OutboxMessage?>> ByKey(IModel model) =>
        ByKeyQueries.GetOrAdd(model, static _ => EF.CompileAsyncQuery((JoulesDbContext db, string key, CancellationToken ct) =>
            db.OutboxMessages.FirstOrDefault(m => m.IdempotencyKey == key)));

    /// <summary>Queues a mail to one or more recipients (separated by comma or semicolon).</summary>
    /// <exception cref="DomainException">A recipient is not a valid mail address, or there is none.</exception>
    public static Task<QueuedMessage> QueueMailAsync(this JoulesDbContext db, Guid? brandId, string idempotencyKey, string to,
        string subject, string? htmlBody, string textBody, string? source = null, Guid? templateId = null, int? templateVersion = null,
        CancellationToken ct = default) =>
        db.QueueMailAsync(brandId, idempotencyKey, SplitRecipients(to), subject, htmlBody, textBody, source, templateId, templateVersion, ct);

    /// <summary>Queues a mail to the given recipients.</summary>
    /// <exception cref="DomainException">A recipient is not a valid mail address, or there is none.</exception>
    public static async Task<QueuedMessage> QueueMailAsync(this JoulesDbContext db, Guid? brandId, string idempotencyKey, IEnumerable<string> to,
        string subject, string? htmlBody, string textBody, string? source = null, Guid? templateId = null, int? templateVersion = null,
        CancellationToken ct = default)
    {
        var recipients = ParseRecipients(to);
        return await QueueAsync(db, MessageChannel.Mail, brandId, idempotencyKey, recipients, subject, htmlBody, textBody, source, templateId, templateVersion, ct);
    }

    /// <summary>Queues a message for another channel (<see cref="MessageChannel.Messenger"/>: the channel id,
    /// <see cref="MessageChannel.Sms"/>: the phone number). The channel's sender validates the recipient.</summary>
    public static Task<QueuedMessage> QueueMessageAsync(this JoulesDbContext db, MessageChannel channel, Guid? brandId, string idempotencyKey,
        string to, string subject, string textBody, string? htmlBody = null, string? source = null, Guid? templateId = null,
        int? templateVersion = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(to)) throw new DomainException(CoreText.Get("Outbox.NoRecipient"), "To");
        return QueueAsync(db, channel, brandId, idempotencyKey, to.Trim(), subject, htmlBody, textBody, source, templateId, templateVersion, ct);
    }

    /// <summary>Checks mail recipients and returns them normalised, comma-separated (as stored in <see cref="OutboxMessage.To"/>).</summary>
    /// <exception cref="DomainException">A recipient is not a valid mail address, or there is none.</exception>
    public static string ParseRecipients(IEnumerable<string> to)
    {
        var list = new List<string>();
        foreach (var raw in to)
        {
            var candidate = raw?.Trim() ?? "";
            if (candidate.Length == 0) continue;
            if (!TryParseAddress(candidate, out var mailbox))
                throw new DomainException(CoreText.Format("Outbox.InvalidAddress", candidate), "To");
            list.Add(mailbox.ToString());
        }
        if (list.Count == 0) throw new DomainException(CoreText.Get("Outbox.NoRecipient"), "To");
        return string.Join(", ", list);
    }

    /// <summary>True if <paramref name="candidate"/> is one mail address the outbox accepts (strict RFC parsing, a local
    /// part and a domain); the check every feature that takes addresses from users should use.</summary>
    public static bool TryParseAddress(string candidate, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MailboxAddress? mailbox)
    {
        if (MailboxAddress.TryParse(StrictAddresses, candidate.Trim(), out var parsed) && parsed.Address.IndexOf('@') > 0
            && !parsed.Address.EndsWith('@') && parsed.Domain.Length > 0)
        {
            mailbox = parsed;
            return true;
        }
        mailbox = null;
        return false;
    }

    private static IEnumerable<string> SplitRecipients(string to) =>
        (to ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<QueuedMessage> QueueAsync(JoulesDbContext db, MessageChannel channel, Guid? brandId, string idempotencyKey,
        string to, string subject, string? htmlBody, string textBody, string? source, Guid? templateId, int? templateVersion, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        if (idempotencyKey.Length > 200) throw new ArgumentException("The idempotency key is longer than 200 characters.", nameof(idempotencyKey));
        var tracked = TrackedMessages.For(db);
        var existing = tracked.Find(db, idempotencyKey) ?? await ByKey(db.Model)(db, idempotencyKey, ct);
        if (existing is not null) return new QueuedMessage(existing, false);

        var message = OutboxMessage.Create(channel, brandId, idempotencyKey, to, subject ?? "", htmlBody, textBody ?? "", DateTimeOffset.UtcNow);
        message.Source = source;
        message.TemplateId = templateId;
        message.TemplateVersion = templateVersion;
        db.OutboxMessages.Add(message);
        HookSignal(db);
        return new QueuedMessage(message, true);
    }

    // After the caller's save the sender is woken at once instead of at its next poll.
    private static void HookSignal(DbContext db)
    {
        lock (Hooked)
        {
            if (Hooked.TryGetValue(db, out _)) return;
            Hooked.Add(db, new object());
        }
        db.SavedChanges += (_, _) => OutboxSignal.Notify();
    }
}

/// <summary>The outbox messages a context tracks, by idempotency key: what <c>db.OutboxMessages.Local</c> would find, without
/// walking every tracked entity for each queued message (queuing thousands in one context stays linear). Kept current through
/// the change tracker's <see cref="Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker.Tracked"/> event; the state is
/// checked on every lookup, so deleted and detached messages are not found, as in <c>Local</c>.</summary>
internal sealed class TrackedMessages
{
    private static readonly ConditionalWeakTable<DbContext, TrackedMessages> All = new();
    private readonly Dictionary<string, List<OutboxMessage>> _byKey = new(StringComparer.Ordinal);

    private TrackedMessages(DbContext db)
    {
        db.ChangeTracker.Tracked += (_, e) => { if (e.Entry.Entity is OutboxMessage message) Add(message); };
        foreach (var entry in db.ChangeTracker.Entries<OutboxMessage>()) Add(entry.Entity);
    }

    public static TrackedMessages For(DbContext db) => All.GetValue(db, static context => new TrackedMessages(context));

    private void Add(OutboxMessage message)
    {
        if (!_byKey.TryGetValue(message.IdempotencyKey, out var list)) _byKey[message.IdempotencyKey] = list = new List<OutboxMessage>(1);
        if (!list.Contains(message)) list.Add(message);
    }

    /// <summary>The tracked, not deleted message with this key, or null.</summary>
    public OutboxMessage? Find(DbContext db, string idempotencyKey)
    {
        if (!_byKey.TryGetValue(idempotencyKey, out var list)) return null;
        foreach (var message in list)
            if (message.IdempotencyKey == idempotencyKey && db.Entry(message).State is EntityState.Added or EntityState.Unchanged or EntityState.Modified)
                return message;
        return null;
    }
}

/// <summary>Wakes the outbox sender; called after a save that queued messages (and by "retry now").</summary>
public static class OutboxSignal
{
    /// <summary>Raised by <see cref="Notify"/>.</summary>
    public static event Action? Signalled;

    /// <summary>Asks the sender to look for due messages now.</summary>
    public static void Notify() => Signalled?.Invoke();
}
