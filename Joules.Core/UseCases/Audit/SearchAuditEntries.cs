using System.Text.Json;
using Joules.Core.Data;
using Joules.Core.Domain.Audit;
using Joules.Core.UseCases.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Audit;

/// <summary>Filter and page of the audit log. Dates are inclusive UTC days.</summary>
public sealed record AuditSearch(string? EntityType = null, string? UserName = null, string? EntityId = null, DateOnly? From = null, DateOnly? To = null, int Page = 0, int PageSize = 50);

/// <summary>One changed property of an audit entry; for added or deleted rows only one side is set.</summary>
public sealed record AuditChange(string Property, string? Old, string? New);

/// <summary>The audit log, newest first. Users who do not see all brands see their brand's entries only.</summary>
public sealed class SearchAuditEntries(JoulesDbContext db)
{
    public async Task<PagedResult<AuditEntry>> RunAsync(AuditSearch s, CancellationToken ct = default)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!db.User.AllBrands) { var brand = db.User.BrandId; q = q.Where(a => a.BrandId == brand); }
        if (!string.IsNullOrWhiteSpace(s.EntityType)) q = q.Where(a => a.EntityType == s.EntityType);
        if (!string.IsNullOrWhiteSpace(s.UserName)) { var u = s.UserName.Trim(); q = q.Where(a => a.UserName.StartsWith(u)); }
        if (!string.IsNullOrWhiteSpace(s.EntityId)) { var id = s.EntityId.Trim(); q = q.Where(a => a.EntityId != null && a.EntityId.StartsWith(id)); }
        if (s.From is { } from) { var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); q = q.Where(a => a.At >= start); }
        if (s.To is { } to) { var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); q = q.Where(a => a.At < end); }
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.Id).Skip(s.Page * s.PageSize).Take(s.PageSize).ToListAsync(ct);
        return new PagedResult<AuditEntry>(items, total);
    }

    /// <summary>The entity types that occur in the log, for the filter.</summary>
    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default) =>
        await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);

    /// <summary>Reads the Changes JSON ({"Name": {"old": …, "new": …}} or {"Name": value}); text that is not JSON becomes one line.</summary>
    public static IReadOnlyList<AuditChange> ParseChanges(string? json, string action)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [new AuditChange("", null, json)];
            var list = new List<AuditChange>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("old", out var o) && p.Value.TryGetProperty("new", out var n))
                    list.Add(new AuditChange(p.Name, Text(o) ?? "—", Text(n) ?? "—"));
                else if (action == "Deleted")
                    list.Add(new AuditChange(p.Name, Text(p.Value), null));
                else
                    list.Add(new AuditChange(p.Name, null, Text(p.Value)));
            }
            return list;
        }
        catch (JsonException)
        {
            return [new AuditChange("", null, json)];
        }
    }

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => e.GetString(),
        _ => e.GetRawText(),
    };
}
