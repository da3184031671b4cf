using Joules.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>Writes an entry to Core's audit trail for a back-office action on the audience (the plugin's own tables are
/// not audited by Core's save pipeline).</summary>
public interface IAudienceAudit
{
    Task WriteAsync(string action, string entityType, string? entityId, string? details = null, CancellationToken ct = default);
}

/// <summary>The audit trail of the host: <see cref="JoulesDbContext.Audit"/> as the acting user.</summary>
public sealed class CoreAudienceAudit(IDbContextFactory<JoulesDbContext> core) : IAudienceAudit
{
    public async Task WriteAsync(string action, string entityType, string? entityId, string? details = null, CancellationToken ct = default)
    {
        await using var db = await core.CreateDbContextAsync(ct);
        db.Audit(action, "newsletter." + entityType, entityId, details);
        await db.SaveChangesAsync(ct);
    }
}
