using Joules.Core.Data;
using Joules.Core.Domain.Installation;
using Joules.Core.Plugins.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Installation;

/// <summary>Returns this installation's id, creating it on the first start. Two nodes starting at once on a
/// fresh database both try to insert row 1; the loser reads the winner's id.</summary>
public sealed class EnsureInstallation(JoulesDbContext db)
{
    public async Task<InstallationId> RunAsync(CancellationToken ct = default)
    {
        var existing = await db.Set<InstallationInfo>().AsNoTracking().SingleOrDefaultAsync(ct);
        if (existing is not null) return new InstallationId(existing.InstallationId);
        var created = InstallationInfo.Create();
        db.Set<InstallationInfo>().Add(created);
        try
        {
            await db.SaveChangesAsync(ct);
            return new InstallationId(created.InstallationId);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var winner = await db.Set<InstallationInfo>().AsNoTracking().SingleAsync(ct);
            return new InstallationId(winner.InstallationId);
        }
    }
}
