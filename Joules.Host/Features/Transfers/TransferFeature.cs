using Joules.Core.Data;
using Joules.Core.Domain.Identity;
using Joules.Core.Domain.Imports;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Joules.Host.Features.Transfers;

/// <summary>CSV imports and exports, their run history and Quartz schedules.</summary>
internal static class TransferFeature
{
    public static IServiceCollection AddTransferFeature(this IServiceCollection services)
    {
        services.AddQuartz();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        services.AddSingleton<TransferFolders>();
        services.AddSingleton<ScheduleRegistrar>();
        services.AddSingleton<ScheduleRunner>();
        services.AddScoped<TransferService>();
        services.AddTransient<TransferScheduleJob>();
        services.AddHostedService<ScheduleStartup>();
        return services;
    }

    public static void MapTransferEndpoints(this IEndpointRouteBuilder app)
    {
        // Download of an export made in the UI; the tenant filter hides other brands' runs.
        app.MapGet("/transfers/runs/{id:guid}/file", async (Guid id, IDbContextFactory<JoulesDbContext> dbFactory, TransferFolders folders) =>
        {
            await using var db = dbFactory.CreateDbContext();
            var run = await db.TransferRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Kind == TransferKind.ContractExport);
            var path = folders.ExportFile(id);
            if (run is null || !File.Exists(path)) return Results.NotFound();
            db.Audit("Download", nameof(TransferRun), id.ToString(), run.FileName);
            await db.SaveChangesAsync();
            return Results.File(path, "text/csv; charset=utf-8", run.FileName);
        }).RequireAuthorization(p => p.RequireRole(Roles.Administrator, Roles.Staff));
    }
}
