using Joules.Core.Credit.Http;
using Joules.Core.Domain.Credit;
using Joules.Core.Plugins;
using Joules.Plugins.Credit.Shared;

namespace Joules.Plugins.Credit.Crif;

/// <summary>Credit checks at CRIF over HTTP in Joules' bureau JSON (docs/credit-bureaus.md).</summary>
public sealed class CrifPlugin : IJoulesPlugin
{
    public const string Id = "joules.credit-crif";

    public void Configure(IPluginBuilder plugin) => BureauPluginSetup.Configure<CrifBureau>(plugin, Bureaus.Crif);
}

/// <summary>The CRIF adapter: the brand's connection, or the demo simulator.</summary>
public sealed class CrifBureau(CreditBureauConnections connections, JsonBureauClient client) : HttpCreditBureau(Bureaus.Crif, connections, client);
