using Joules.Core.Credit;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;

namespace Joules.Host.Plugins.Runtime;

/// <summary>The credit bureaus of running, licensed plugins (declared with <c>AddCreditBureau</c>). Each check runs the
/// plugin's adapter in a plugin scope of its own.</summary>
internal sealed class PluginCreditBureauSource(PluginRegistry registry, IServiceProvider hostRoot) : ICreditBureauSource
{
    public IEnumerable<string> BureauIds => Providers().SelectMany(p => p.Contributions.CreditBureaus.Keys).Distinct();

    private IEnumerable<PluginInstance> Providers() => registry.All
        .Where(p => p.IsLoaded && p.Enabled && p.Licence.AllowsChanges && p.Contributions.CreditBureaus.Count > 0)
        .OrderBy(p => p.Id, StringComparer.Ordinal);

    public async Task<BureauResult> CheckAsync(string bureauId, CreditCheckRequest request, CancellationToken ct)
    {
        var plugin = Providers().FirstOrDefault(p => p.Contributions.CreditBureaus.ContainsKey(bureauId))
            ?? throw new CreditBureauUnavailableException(CoreText.Format("Credit.BureauNotAvailable", Bureaus.Find(bureauId)?.Name ?? bureauId));
        await using var scope = PluginScope.Create(plugin, hostRoot);
        var bureau = (ICreditBureau)scope.Services.GetRequiredService(plugin.Contributions.CreditBureaus[bureauId]);
        return await bureau.CheckAsync(request, ct);
    }
}
