using Joules.Core.Credit.Http;
using Joules.Core.Domain.Credit;
using Joules.Core.Plugins;
using Joules.Plugins.Credit.Shared;

namespace Joules.Plugins.Credit.Buergel;

/// <summary>Credit checks at CRIF Bürgel over HTTP in Joules' bureau JSON (docs/credit-bureaus.md).</summary>
public sealed class BuergelPlugin : IJoulesPlugin
{
    public const string Id = "joules.credit-buergel";

    public void Configure(IPluginBuilder plugin) => BureauPluginSetup.Configure<BuergelBureau>(plugin, Bureaus.Buergel);
}

/// <summary>The CRIF Bürgel adapter: the brand's connection, or the demo simulator.</summary>
public sealed class BuergelBureau(CreditBureauConnections connections, JsonBureauClient client) : HttpCreditBureau(Bureaus.Buergel, connections, client);
