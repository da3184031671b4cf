using System.Security.Cryptography;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Plugins;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Licensing;
using Joules.Core.Plugins.Security;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Plugins.Runtime;

/// <summary>The installed licence files, verified offline against the trusted vendor keys and this installation's id,
/// and the licence status of every plugin derived from them.</summary>
internal sealed class PluginLicensing(
    PluginSettings settings,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<PluginLicensing> logger)
{
    private IReadOnlyList<(InstalledLicence Row, LicenceVerification Result)> _licences = [];
    private LicenceVerifier? _verifier;

    public InstallationId Installation { get; private set; }

    /// <summary>Reads the installation id and the stored licences; in development issues a development licence for
    /// every plugin if none is installed.</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        Installation = new InstallationId(await db.Installation.Select(i => i.InstallationId).SingleAsync(ct));
        var keys = settings.TrustedLicenceKeys.Select(VendorSignature.ImportPublicKey).ToList();
        if (settings.Development)
        {
            var devKey = DevelopmentKeys.LicencePrivateKey(settings.DevelopmentKeyFolder);
            keys.Add(devKey);
            if (settings.IssueDevelopmentLicence && !await db.InstalledLicences.AnyAsync(ct))
            {
                var now = time.GetUtcNow();
                var content = LicenceIssuer.Issue(new LicencePayload
                {
                    LicenceId = $"DEV-{Installation.Value:N}"[..16],
                    Licensee = "Entwicklung / Demo",
                    InstallationId = Installation.ToString(),
                    IssuedAt = now,
                    Development = true,
                    Plugins = [new LicensedPlugin { Id = LicensedPlugin.AllPlugins, ExpiresAt = now.AddYears(1) }],
                }, devKey);
                var payload = new LicenceVerifier([devKey], Installation, new() { AllowDevelopmentLicences = true }).Verify(content).Licence!.Payload;
                db.InstalledLicences.Add(InstalledLicence.Create(payload.LicenceId, payload.Licensee, true, content, now));
                db.Audit("Plugins.DevelopmentLicenceIssued", nameof(InstalledLicence), payload.LicenceId);
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Issued development licence {LicenceId} for every plugin", payload.LicenceId);
            }
        }
        _verifier = new LicenceVerifier(keys, Installation, new LicenceVerifierOptions { AllowDevelopmentLicences = settings.Development });
        await ReloadAsync(ct);
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        var rows = await db.InstalledLicences.AsNoTracking().OrderBy(l => l.InstalledAt).ToListAsync(ct);
        _licences = rows.Select(r => (r, Verifier.Verify(r.Content))).ToList();
        foreach (var (row, result) in _licences.Where(l => !l.Result.IsValid))
            logger.LogWarning("Licence {LicenceId} is not valid: {Reason}", row.LicenceId, result.Reason);
    }

    private LicenceVerifier Verifier => _verifier ?? throw new InvalidOperationException("Licensing is not initialised.");

    /// <summary>The status of a plugin: a licence may name its id or its licence product; the better grant wins.</summary>
    public PluginLicenceStatus Evaluate(PluginManifest manifest)
    {
        var valid = _licences.Where(l => l.Result.IsValid).Select(l => l.Result.Licence!).ToList();
        var now = time.GetUtcNow();
        var byId = PluginLicenceEvaluator.Evaluate(valid, manifest.Id, now);
        if (manifest.LicenceProduct.Length == 0 || string.Equals(manifest.LicenceProduct, manifest.Id, StringComparison.OrdinalIgnoreCase)) return byId;
        var byProduct = PluginLicenceEvaluator.Evaluate(valid, manifest.LicenceProduct, now);
        return Rank(byProduct) < Rank(byId) ? byProduct with { PluginId = manifest.Id } : byId;
    }

    private static int Rank(PluginLicenceStatus status) => status.State switch
    {
        LicenceState.Licensed => 0,
        LicenceState.GracePeriod => 1,
        LicenceState.ReadOnly => 2,
        _ => 3,
    };

    public IReadOnlyList<LicenceSummary> Summaries() => _licences
        .Select(l => new LicenceSummary(l.Row.LicenceId, l.Row.Licensee, l.Row.Development, l.Row.InstalledAt,
            l.Result.Licence?.Payload.Plugins ?? [], l.Result.Reason))
        .ToList();

    /// <summary>Verifies and stores a licence file; throws <see cref="DomainException"/> with the refusal reason.</summary>
    public async Task<LicenceSummary> InstallAsync(string content, CancellationToken ct)
    {
        var result = Verifier.Verify(content);
        if (!result.IsValid) throw new DomainException(result.Reason);
        var payload = result.Licence.Payload;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
            if (await db.InstalledLicences.AnyAsync(l => l.LicenceId == payload.LicenceId, ct))
                throw new DomainException(CoreText.Format("Plugin.Licence.AlreadyInstalled", payload.LicenceId));
            db.InstalledLicences.Add(InstalledLicence.Create(payload.LicenceId, payload.Licensee, payload.Development, content, time.GetUtcNow()));
            db.Audit("Plugins.LicenceInstalled", nameof(InstalledLicence), payload.LicenceId,
                string.Join(", ", payload.Plugins.Select(p => $"{p.Id} bis {p.ExpiresAt:yyyy-MM-dd}")));
            await db.SaveChangesAsync(ct);
        }
        await ReloadAsync(ct);
        return Summaries().Single(s => s.LicenceId == payload.LicenceId);
    }

    internal static ECDsa[] Keys(IEnumerable<string> pems) => pems.Select(VendorSignature.ImportPublicKey).ToArray();
}
