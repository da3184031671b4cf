using Joules.Core.Credit.Http;
using Joules.Core.Domain.Credit;
using Joules.Core.Plugins;
using Joules.Plugins.Credit.Shared;

namespace Joules.Plugins.Credit.Creditreform;

/// <summary>Credit checks at Creditreform over HTTP in Joules' bureau JSON (docs/credit-bureaus.md).</summary>
public sealed class CreditreformPlugin : IJoulesPlugin
{
    public const string Id = "joules.credit-creditreform";

    public void Configure(IPluginBuilder plugin) => BureauPluginSetup.Configure<CreditreformBureau>(plugin, Bureaus.Creditreform);
}

/// <summary>The Creditreform adapter: the brand's connection, or the demo simulator.</summary>
public sealed class CreditreformBureau(CreditBureauConnections connections, JsonBureauClient client) : HttpCreditBureau(Bureaus.Creditreform, connections, client);
