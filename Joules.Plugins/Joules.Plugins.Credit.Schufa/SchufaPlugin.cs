using Joules.Core.Credit.Http;
using Joules.Core.Domain.Credit;
using Joules.Core.Plugins;
using Joules.Plugins.Credit.Shared;

namespace Joules.Plugins.Credit.Schufa;

/// <summary>Credit checks at SCHUFA over HTTP in Joules' bureau JSON (docs/credit-bureaus.md).</summary>
public sealed class SchufaPlugin : IJoulesPlugin
{
    public const string Id = "joules.credit-schufa";

    public void Configure(IPluginBuilder plugin) => BureauPluginSetup.Configure<SchufaBureau>(plugin, Bureaus.Schufa);
}

/// <summary>The SCHUFA adapter: the brand's connection, or the demo simulator.</summary>
public sealed class SchufaBureau(CreditBureauConnections connections, JsonBureauClient client) : HttpCreditBureau(Bureaus.Schufa, connections, client);
