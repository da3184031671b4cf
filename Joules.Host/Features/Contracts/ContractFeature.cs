using Joules.Core.Data;
using Joules.Core.Domain.Documents;
using Joules.Core.Domain.Identity;
using Joules.Core.UseCases.Documents;
using Joules.Host.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Features.Contracts;

/// <summary>Services and endpoints of the contract pages.</summary>
internal static class ContractFeature
{
    public static IServiceCollection AddContractFeature(this IServiceCollection services)
    {
        // The upload limit is configuration (Joules:Documents:MaxBytes); the rules live in Core.
        services.AddSingleton(sp => new DocumentPolicy(sp.GetRequiredService<JoulesSettings>().Documents.MaxBytes));
        return services;
    }

    public static void MapContractEndpoints(this IEndpointRouteBuilder app)
    {
        // Downloads run outside the circuit; the tenant and partner filters come from the request's user.
        app.MapGet("/documents/{id:guid}", async Task<Results<FileContentHttpResult, NotFound>> (Guid id, IDbContextFactory<JoulesDbContext> factory, CancellationToken ct) =>
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var file = await new GetDocumentFile(db).RunAsync(id, ct);
                if (file is null) return TypedResults.NotFound();
                db.Audit("Download", nameof(ContractDocument), id.ToString(), file.FileName);
                await db.SaveChangesAsync(ct);
                return TypedResults.File(file.Data, file.ContentType, file.FileName);
            })
            .RequireAuthorization(policy => policy.RequireRole(ContractRoles.Viewers))
            .WithName("DownloadDocument");
    }
}

/// <summary>Who may do what on the contract pages.</summary>
internal static class ContractRoles
{
    /// <summary>May change status, capture contracts and upload documents.</summary>
    public const string Editors = Roles.Administrator + "," + Roles.Staff;

    /// <summary>May open the contract list and detail (partner users see their subtree only: the context filters).</summary>
    public const string ViewersList = Editors + "," + Roles.SalesPartner + "," + Roles.QualityReviewer;

    public static readonly string[] Viewers = ViewersList.Split(',');
}
