using Joules.Core.Credit.Http;
using Joules.Core.Domain.Credit;
using Joules.Core.Plugins;
using Joules.Plugins.Credit.Shared;

namespace Joules.Plugins.Credit.Deltavista;

/// <summary>Credit checks at Deltavista over HTTP in Joules' bureau JSON (docs/credit-bureaus.md).</summary>
public sealed class DeltavistaPlugin : IJoulesPlugin
{
    public const string Id = "joules.credit-deltavista";

    public void Configure(IPluginBuilder plugin) => BureauPluginSetup.Configure<DeltavistaBureau>(plugin, Bureaus.Deltavista);
}

/// <summary>The Deltavista adapter: the brand's connection, or the demo simulator.</summary>
public sealed class DeltavistaBureau(CreditBureauConnections connections, JsonBureauClient client) : HttpCreditBureau(Bureaus.Deltavista, connections, client);
