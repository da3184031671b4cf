using Joules.Core.Data;
using Joules.Core.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Joules.Host.Features.SentMail;

internal sealed record SentMailItem(Guid Id, DateTimeOffset ReceivedAt, string From, string To, string Subject);

internal sealed record SentMailDetail(string From, string To, string? Cc, string Subject, DateTimeOffset? Date, string? MessageId, string? Html, string? Text);

/// <summary>Reads and clears the development mailbox (the <see cref="CapturedMail"/> rows).</summary>
internal sealed class SentMailbox(IDbContextFactory<JoulesDbContext> dbFactory)
{
    public async Task<(IReadOnlyList<SentMailItem> Items, int Total)> SearchAsync(string? text, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var query = db.CapturedMails.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            query = query.Where(m => m.Subject.Contains(t) || m.To.Contains(t));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).Skip(page * pageSize).Take(pageSize)
            .Select(m => new SentMailItem(m.Id, m.ReceivedAt, m.From, m.To, m.Subject)).ToListAsync(ct);
        return (items, total);
    }

    public async Task<SentMailDetail?> DetailAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var mime = await db.CapturedMails.AsNoTracking().Where(m => m.Id == id).Select(m => m.Mime).FirstOrDefaultAsync(ct);
        if (mime is null) return null;
        using var stream = new MemoryStream(mime, writable: false);
        var message = await MimeMessage.LoadAsync(stream, ct);
        return new SentMailDetail(message.From.ToString(), message.To.ToString(), message.Cc.Count == 0 ? null : message.Cc.ToString(), message.Subject ?? "",
            message.Headers.Contains(HeaderId.Date) ? message.Date : null, message.MessageId, message.HtmlBody, message.TextBody);
    }

    public async Task<int> DeleteAllAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var deleted = await db.CapturedMails.ExecuteDeleteAsync(ct);
        db.Audit("DeleteAll", nameof(CapturedMail), null, $"{deleted}");
        await db.SaveChangesAsync(ct);
        return deleted;
    }
}
