using Joules.Core.Domain.Common;

namespace Joules.Core.Plugins.Licensing;

/// <summary>Decides the <see cref="PluginLicenceStatus"/> of a plugin from the verified licences installed. Several licence
/// files may name the same plugin (e.g. a renewal next to the old licence); the best grant wins: Licensed before
/// GracePeriod before ReadOnly, and within a state the one that lasts longest. The boundaries are exact:
/// licensed while now &lt; expiresAt, grace period while now &lt; expiresAt + graceDays, read-only from then on.</summary>
/// <param name="time">Source of "now" (<see cref="TimeProvider.System"/> in the host, a fake one in tests).</param>
public sealed class PluginLicenceEvaluator(TimeProvider time)
{
    /// <summary>The status of <paramref name="pluginId"/> now.</summary>
    public PluginLicenceStatus Evaluate(IEnumerable<VerifiedLicence> licences, string pluginId) =>
        Evaluate(licences, pluginId, time.GetUtcNow());

    /// <summary>The status of <paramref name="pluginId"/> at <paramref name="now"/>.</summary>
    public static PluginLicenceStatus Evaluate(IEnumerable<VerifiedLicence> licences, string pluginId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(licences);
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginId);

        var best = licences
            .SelectMany(l => l.Payload.Plugins.Where(p => Covers(p, pluginId)).Select(p => (Licence: l, Grant: p)))
            .Select(c => (c.Licence, c.Grant, State: StateAt(c.Grant, now)))
            .OrderBy(c => Rank(c.State))
            .ThenByDescending(c => c.State == LicenceState.Licensed ? c.Grant.ExpiresAt : c.Grant.GraceEndsAt)
            .ThenByDescending(c => c.Grant.GraceEndsAt)
            .ThenBy(c => c.Grant.Id.Trim() == LicenceJson.AnyPlugin ? 1 : 0)
            .ThenBy(c => c.Licence.LicenceId, StringComparer.Ordinal)
            .Select(c => ((VerifiedLicence, LicensedPlugin, LicenceState)?)c)
            .FirstOrDefault();

        if (best is not { } found)
            return new PluginLicenceStatus
            {
                PluginId = pluginId,
                State = LicenceState.Unlicensed,
                Reason = CoreText.Format("LicenceStatus.Unlicensed", pluginId),
            };

        var (licence, grant, state) = found;
        var expires = grant.ExpiresAt.ToUniversalTime();
        var graceEnds = grant.GraceEndsAt.ToUniversalTime();
        var reason = state switch
        {
            LicenceState.Licensed => CoreText.Format("LicenceStatus.Licensed", pluginId, expires.UtcDateTime, licence.LicenceId, licence.Payload.Licensee),
            LicenceState.GracePeriod => CoreText.Format("LicenceStatus.GracePeriod", pluginId, expires.UtcDateTime, graceEnds.UtcDateTime),
            _ => CoreText.Format("LicenceStatus.ReadOnly", pluginId, expires.UtcDateTime, graceEnds.UtcDateTime),
        };
        return new PluginLicenceStatus
        {
            PluginId = pluginId,
            State = state,
            ExpiresAt = expires,
            GraceEndsAt = graceEnds,
            LicenceId = licence.LicenceId,
            Licensee = licence.Payload.Licensee,
            Reason = reason,
        };
    }

    private static bool Covers(LicensedPlugin grant, string pluginId)
    {
        var id = grant.Id.Trim();
        return id == LicenceJson.AnyPlugin || string.Equals(id, pluginId.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    private static LicenceState StateAt(LicensedPlugin grant, DateTimeOffset now) =>
        now < grant.ExpiresAt ? LicenceState.Licensed
        : now < grant.GraceEndsAt ? LicenceState.GracePeriod
        : LicenceState.ReadOnly;

    private static int Rank(LicenceState state) => state switch
    {
        LicenceState.Licensed => 0,
        LicenceState.GracePeriod => 1,
        _ => 2,
    };
}
