using System.Text.Json;
using Joules.Core.Data;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Joules.Plugins.Sms;

/// <summary>Delivery reports from the gateway: <c>POST /plugins/joules.sms/delivery-reports?brand=&lt;id&gt;</c>, signed with
/// the brand's API key (<see cref="SmsWire.Verify"/>). A report for an id the outbox does not know yet is parked and
/// applied by the next report or the job.</summary>
public sealed class DeliveryReportService(IDbContextFactory<SmsDb> factory, IDbContextFactory<JoulesDbContext> coreFactory,
    SmsGatewayResolver gateways, ILogger<DeliveryReportService> log)
{
    /// <summary>Parked reports older than this are dropped (their message never got the id).</summary>
    public static readonly TimeSpan ParkedFor = TimeSpan.FromDays(7);

    private const int MaxBody = 64 * 1024;

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken ct)
    {
        var brandText = request.Query["brand"].ToString();
        Guid? brandId = brandText == "none" ? null : Guid.TryParseExact(brandText, "N", out var b) ? b : Guid.Empty;
        if (brandId == Guid.Empty) return Results.BadRequest(new { error = "unknown brand" });

        if (request.ContentLength > MaxBody) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBody) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var body = buffer.ToArray();

        var key = await gateways.ReportKeyAsync(brandId, ct);
        if (key is null || !SmsWire.Verify(body, request.Headers[SmsWire.SignatureHeader].ToString(), key))
        {
            log.LogWarning("Refused an SMS delivery report with a missing or wrong signature from {Remote}", request.HttpContext.Connection.RemoteIpAddress);
            return Results.Json(new { error = "invalid signature" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        SmsWire.DeliveryReport? report;
        try { report = JsonSerializer.Deserialize<SmsWire.DeliveryReport>(body, SmsWire.Json); }
        catch (JsonException) { report = null; }
        if (report is null || string.IsNullOrWhiteSpace(report.Id) || State(report.Status) is not { } state)
            return Results.BadRequest(new { error = "expected { id, status: delivered|undeliverable|deferred, detail, at }" });

        await ApplyParkedAsync(ct);
        var at = report.At ?? DateTimeOffset.UtcNow;
        await using var core = await coreFactory.CreateDbContextAsync(ct);
        if (await core.RecordDeliveryReportAsync(MessageChannel.Sms, report.Id.Trim(), state, report.Detail, at, ct))
            return Results.Ok(new { recorded = true });

        await using var db = await factory.CreateDbContextAsync(ct);
        db.ParkedReports.Add(new ParkedDeliveryReport
        {
            ProviderMessageId = report.Id.Trim(),
            State = state,
            Detail = report.Detail is { Length: > 500 } d ? d[..500] : report.Detail,
            ReportedAt = at,
        });
        await db.SaveChangesAsync(ct);
        return Results.Accepted(value: new { recorded = false, parked = true });
    }

    /// <summary>Applies parked reports whose message now has the id; drops those older than <see cref="ParkedFor"/>.
    /// Returns (applied, still waiting, dropped).</summary>
    public async Task<(int Applied, int Waiting, int Dropped)> ApplyParkedAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var parked = await db.ParkedReports.OrderBy(r => r.ReceivedAt).Take(500).ToListAsync(ct);
        if (parked.Count == 0) return (0, 0, 0);
        await using var core = await coreFactory.CreateDbContextAsync(ct);
        int applied = 0, dropped = 0;
        var now = DateTimeOffset.UtcNow;
        foreach (var report in parked)
        {
            if (await core.RecordDeliveryReportAsync(MessageChannel.Sms, report.ProviderMessageId, report.State, report.Detail, report.ReportedAt, ct))
            {
                db.ParkedReports.Remove(report);
                applied++;
            }
            else if (now - report.ReceivedAt > ParkedFor)
            {
                db.ParkedReports.Remove(report);
                dropped++;
            }
        }
        if (applied + dropped > 0) await db.SaveChangesAsync(ct);
        return (applied, parked.Count - applied - dropped, dropped);
    }

    private static DeliveryState? State(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "delivered" => DeliveryState.Delivered,
        "undeliverable" => DeliveryState.Undeliverable,
        "deferred" => DeliveryState.Deferred,
        _ => null,
    };
}

/// <summary>Every minute: applies delivery reports that arrived before their message had the gateway's id.</summary>
public sealed class ParkedReportsJob(DeliveryReportService reports) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var (applied, waiting, dropped) = await reports.ApplyParkedAsync(cancellationToken);
        context.Result = $"{applied} Zustellberichte übernommen, {waiting} wartend, {dropped} verworfen";
    }
}
