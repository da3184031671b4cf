using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;

namespace Joules.Core.Credit.Http;

/// <summary>A bureau reached over HTTP in Joules' own JSON: asks the brand's connection (or the demo simulator) through
/// <see cref="JsonBureauClient"/>. A bureau plugin's adapter is one line:
/// <code>public sealed class SchufaBureau(CreditBureauConnections c, JsonBureauClient j) : HttpCreditBureau(Bureaus.Schufa, c, j);</code></summary>
public abstract class HttpCreditBureau(BureauDescriptor descriptor, CreditBureauConnections connections, JsonBureauClient client) : ICreditBureau
{
    /// <inheritdoc />
    public BureauDescriptor Descriptor => descriptor;

    /// <inheritdoc />
    public async Task<BureauResult> CheckAsync(CreditCheckRequest request, CancellationToken ct)
    {
        var connection = await connections.ForCheckAsync(request.BrandId, descriptor.Id, ct)
            ?? throw new CreditBureauUnavailableException(CoreText.Format("Credit.Http.NotConfigured", descriptor.Name));
        return await client.CheckAsync(connection, request, ct);
    }
}
