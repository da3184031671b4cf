using Joules.Core.Credit.Http;
using Joules.Core.Domain.Credit;
using Joules.Core.Plugins;
using Joules.Plugins.Credit.Shared;

namespace Joules.Plugins.Credit.Boniversum;

/// <summary>Credit checks at Creditreform Boniversum over HTTP in Joules' bureau JSON (docs/credit-bureaus.md).</summary>
public sealed class BoniversumPlugin : IJoulesPlugin
{
    public const string Id = "joules.credit-boniversum";

    public void Configure(IPluginBuilder plugin) => BureauPluginSetup.Configure<BoniversumBureau>(plugin, Bureaus.Boniversum);
}

/// <summary>The Creditreform Boniversum adapter: the brand's connection, or the demo simulator.</summary>
public sealed class BoniversumBureau(CreditBureauConnections connections, JsonBureauClient client) : HttpCreditBureau(Bureaus.Boniversum, connections, client);
