using Joules.Host.Features.Account;

namespace Joules.Host.Hosting;

internal static class EndpointSetup
{
    /// <summary>Endpoints outside the Blazor router: sign-out, culture switch, downloads.</summary>
    public static void MapJoulesEndpoints(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapFeatureEndpoints();
    }
}
