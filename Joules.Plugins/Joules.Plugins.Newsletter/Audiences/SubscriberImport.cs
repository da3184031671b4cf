using System.Text;
using System.Text.Json;
using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Analytics;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>How the consent of imported addresses is established.</summary>
public enum ImportConsentMode
{
    /// <summary>Every address gets a confirmation mail; it is on the list only once confirmed.</summary>
    DoubleOptIn = 0,
    /// <summary>The consent was obtained and is documented elsewhere; the operator names that proof.</summary>
    DocumentedElsewhere = 1,
}

public sealed record ImportOptions(Guid BrandId, string BrandName, long ListId, string FileName, ImportConsentMode Mode, string? ProofText);

public sealed record ImportLineError(int Line, string Message);

/// <summary>One valid line of the file.</summary>
public sealed record ImportRow(int Line, string Email, string? FirstName, string? LastName, string? PostalCode, string? City, string Language,
    bool? Tracking, string? AttributesJson);

public sealed record ImportResult(int Imported, int Unchanged, int ConfirmationMails, IReadOnlyList<ImportLineError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>CSV import of subscribers into a list, all or nothing: columns <c>E-Mail;Vorname;Nachname;PLZ;Ort;Sprache;Tracking</c>
/// (semicolon, UTF-8, header line required, only E-Mail is mandatory); further columns become Liquid variables in
/// <see cref="Subscriber.AttributesJson"/>. Any invalid line rejects the whole file with the line numbers.</summary>
public sealed class SubscriberImport(IDbContextFactory<NewsletterDb> contexts, PublicSubscriptions subscriptions, IAudienceAudit audit,
    IStringLocalizer<SubscriberImport> text, TimeProvider clock)
{
    public const int MaxErrors = 200;
    private static readonly string[] Known = ["e-mail", "vorname", "nachname", "plz", "ort", "sprache", "tracking"];

    /// <summary>Parses and checks the file; no database access.</summary>
    public (List<ImportRow> Rows, List<ImportLineError> Errors) Parse(string content)
    {
        var rows = new List<ImportRow>();
        var errors = new List<ImportLineError>();
        var lines = content.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            errors.Add(new(1, text["HeaderMissing"]));
            return (rows, errors);
        }
        var header = SplitLine(lines[0]).Select(h => h.Trim()).ToArray();
        var index = header.Select((h, i) => (Name: h.ToLowerInvariant(), i)).GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First().i);
        if (!index.ContainsKey("e-mail"))
        {
            errors.Add(new(1, text["EmailColumnMissing"]));
            return (rows, errors);
        }
        var extras = header.Select((h, i) => (h, i)).Where(x => x.h.Length > 0 && !Known.Contains(x.h.ToLowerInvariant())).ToList();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 1; n < lines.Length; n++)
        {
            var lineNo = n + 1;
            if (string.IsNullOrWhiteSpace(lines[n])) continue;
            var cells = SplitLine(lines[n]);
            string? Cell(string name) => index.TryGetValue(name, out var i) && i < cells.Count && !string.IsNullOrWhiteSpace(cells[i]) ? cells[i].Trim() : null;
            var lineErrors = new List<string>();
            var email = Cell("e-mail");
            if (email is null) lineErrors.Add(text["EmailMissing"]);
            else if (!PublicSubscriptions.IsValidEmail(email)) lineErrors.Add(string.Format(text["EmailInvalid"], email));
            else
            {
                email = AudienceQuery.NormaliseEmail(email);
                if (seen.TryGetValue(email, out var first)) lineErrors.Add(string.Format(text["Duplicate"], email, first));
                else seen[email] = lineNo;
            }
            string? Checked(string column, string label, int max)
            {
                var value = Cell(column);
                if (value is not null && value.Length > max) lineErrors.Add(string.Format(text["TooLong"], label, max));
                return value;
            }
            var firstName = Checked("vorname", "Vorname", 100);
            var lastName = Checked("nachname", "Nachname", 100);
            var postalCode = Checked("plz", "PLZ", 10);
            var city = Checked("ort", "Ort", 100);
            var language = (Cell("sprache") ?? "de").ToLowerInvariant();
            if (language is not ("de" or "en")) lineErrors.Add(string.Format(text["LanguageInvalid"], language));
            bool? tracking = Cell("tracking")?.ToLowerInvariant() switch
            {
                null => null,
                "ja" or "yes" or "1" or "true" or "x" => true,
                "nein" or "no" or "0" or "false" => false,
                var other => Invalid(other),
            };
            bool? Invalid(string value) { lineErrors.Add(string.Format(text["TrackingInvalid"], value)); return null; }
            string? attributes = null;
            if (extras.Count > 0)
            {
                var values = extras.Where(x => x.i < cells.Count && cells[x.i].Trim().Length > 0).ToDictionary(x => x.h, x => cells[x.i].Trim());
                if (values.Count > 0) attributes = JsonSerializer.Serialize(values);
                if (attributes is { Length: > 4000 }) lineErrors.Add(text["AttributesTooLong"]);
            }
            if (lineErrors.Count > 0)
            {
                errors.AddRange(lineErrors.Select(e => new ImportLineError(lineNo, e)));
                if (errors.Count >= MaxErrors) break;
                continue;
            }
            rows.Add(new ImportRow(lineNo, email!, firstName, lastName, postalCode, city, language, tracking, attributes));
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new(2, text["NoRows"]));
        return (rows, errors);
    }

    /// <summary>Checks the whole file and imports it only if every line is valid.</summary>
    public async Task<ImportResult> ImportAsync(string content, ImportOptions options, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.Lists.FirstOrDefaultAsync(l => l.Id == options.ListId && l.BrandId == options.BrandId && !l.Archived, ct)
            ?? throw new DomainException(text["ListRequired"], "List");
        var proof = options.ProofText?.Trim();
        if (options.Mode == ImportConsentMode.DocumentedElsewhere && string.IsNullOrEmpty(proof))
            throw new DomainException(text["ProofRequired"], "ProofText");
        if (proof is { Length: > 3000 }) throw new DomainException(text["ProofTooLong"], "ProofText");
        if (options.Mode == ImportConsentMode.DoubleOptIn && list.LegalBasis != ListLegalBasis.Consent)
            throw new DomainException(text["DoubleOptInNeedsConsentList"], "Mode");
        var (rows, errors) = Parse(content);
        if (errors.Count > 0) return new ImportResult(0, 0, 0, errors);

        var now = clock.GetUtcNow();
        var source = Cut("import:" + Path.GetFileName(options.FileName), 200);
        int imported = 0, unchanged = 0, mails = 0;
        var stats = new List<StatDelta>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var done = 0;
            foreach (var chunk in rows.Chunk(500))
            {
                var emails = chunk.Select(r => r.Email).ToList();
                var existing = await db.Subscribers.Where(s => s.BrandId == options.BrandId && emails.Contains(s.Email)).ToDictionaryAsync(s => s.Email, ct);
                var subscribers = new List<(ImportRow Row, Subscriber Subscriber)>();
                foreach (var row in chunk)
                {
                    if (!existing.TryGetValue(row.Email, out var subscriber))
                    {
                        subscriber = new Subscriber { BrandId = options.BrandId, Email = row.Email, Source = SubscriberSource.Import, CreatedAt = now };
                        db.Subscribers.Add(subscriber);
                    }
                    subscriber.FirstName = row.FirstName ?? subscriber.FirstName;
                    subscriber.LastName = row.LastName ?? subscriber.LastName;
                    subscriber.PostalCode = row.PostalCode ?? subscriber.PostalCode;
                    subscriber.City = row.City ?? subscriber.City;
                    subscriber.Language = row.Language;
                    subscriber.AttributesJson = row.AttributesJson ?? subscriber.AttributesJson;
                    if (options.Mode == ImportConsentMode.DocumentedElsewhere && row.Tracking is { } tracking && tracking != subscriber.TrackingConsent)
                    {
                        subscriber.TrackingConsent = tracking;
                        subscriber.TrackingConsentAt = now;
                    }
                    subscribers.Add((row, subscriber));
                }
                await db.SaveChangesAsync(ct);
                if (options.Mode == ImportConsentMode.DocumentedElsewhere)
                {
                    var ids = subscribers.Select(s => s.Subscriber.Id).ToList();
                    var current = await db.Subscriptions.Where(s => s.ListId == list.Id && ids.Contains(s.SubscriberId)).ToDictionaryAsync(s => s.SubscriberId, ct);
                    foreach (var (_, subscriber) in subscribers)
                    {
                        if (current.TryGetValue(subscriber.Id, out var subscription) && subscription.Status == SubscriptionStatus.Confirmed)
                        {
                            unchanged++;
                            continue;
                        }
                        if (subscription is null)
                        {
                            subscription = new Subscription { BrandId = options.BrandId, SubscriberId = subscriber.Id, ListId = list.Id };
                            db.Subscriptions.Add(subscription);
                        }
                        subscription.Status = SubscriptionStatus.Confirmed;
                        subscription.LegalBasis = list.LegalBasis;
                        subscription.Source = source!;
                        subscription.ConsentGivenAt = now;
                        subscription.ConsentText = proof;
                        subscription.ConsentTextVersion = null;
                        subscription.ConfirmedAt = now;
                        subscription.ObjectionNoticeGiven = list.LegalBasis == ListLegalBasis.ExistingCustomer;
                        subscription.UnsubscribedAt = null;
                        subscription.UnsubscribeChannel = null;
                        stats.Add(StatCounter.At(now, options.BrandId, StatMetric.Subscribed, 0, list.Id));
                        imported++;
                    }
                    await db.SaveChangesAsync(ct);
                }
                done += chunk.Length;
                progress?.Report(options.Mode == ImportConsentMode.DoubleOptIn ? done * 0.3 / rows.Count : (double)done / rows.Count);
            }
            await StatCounter.AddAsync(db, stats, ct);
            await tx.CommitAsync(ct);
        }

        if (options.Mode == ImportConsentMode.DoubleOptIn)
        {
            // Confirmation mails after the subscribers are stored; the subscriptions become unconfirmed one by one.
            var done = 0;
            foreach (var row in rows)
            {
                await subscriptions.SubscribeAsync(new SubscribeRequest(options.BrandId, options.BrandName, row.Email, null, null, [list.Id], row.Tracking == true,
                    null, null, source!, row.Language, PublicListsOnly: false, NewSubscriberSource: SubscriberSource.Import), ct);
                mails++;
                imported++;
                if (++done % 20 == 0) progress?.Report(0.3 + 0.7 * done / rows.Count);
            }
        }
        progress?.Report(1);
        await audit.WriteAsync("NewsletterSubscribersImported", "list", list.Id.ToString(),
            $"{Path.GetFileName(options.FileName)}: {rows.Count} rows, {imported} imported, {unchanged} unchanged, mode {options.Mode}", ct);
        return new ImportResult(imported, unchanged, mails, []);
    }

    /// <summary>Splits one line at semicolons; double quotes enclose fields that contain semicolons ("" is a quote).</summary>
    public static List<string> SplitLine(string line)
    {
        var cells = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"' && current.Length == 0) quoted = true;
            else if (c == ';') { cells.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        cells.Add(current.ToString());
        return cells;
    }

    private static string? Cut(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}
