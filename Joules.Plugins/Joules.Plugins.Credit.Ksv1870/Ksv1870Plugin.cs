using Joules.Core.Credit.Http;
using Joules.Core.Domain.Credit;
using Joules.Core.Plugins;
using Joules.Plugins.Credit.Shared;

namespace Joules.Plugins.Credit.Ksv1870;

/// <summary>Credit checks at KSV1870 over HTTP in Joules' bureau JSON (docs/credit-bureaus.md).</summary>
public sealed class Ksv1870Plugin : IJoulesPlugin
{
    public const string Id = "joules.credit-ksv1870";

    public void Configure(IPluginBuilder plugin) => BureauPluginSetup.Configure<Ksv1870Bureau>(plugin, Bureaus.Ksv1870);
}

/// <summary>The KSV1870 adapter: the brand's connection, or the demo simulator.</summary>
public sealed class Ksv1870Bureau(CreditBureauConnections connections, JsonBureauClient client) : HttpCreditBureau(Bureaus.Ksv1870, connections, client);
