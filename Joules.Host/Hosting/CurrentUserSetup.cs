using Joules.Core.Tenancy;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Joules.Host.Hosting;

/// <summary>Sets the scope's acting user from the HTTP request (pages rendered on the server, endpoints).</summary>
internal sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentUserAccessor accessor)
    {
        accessor.User = ClaimsUser.From(context.User);
        return next(context);
    }
}

/// <summary>Sets the circuit's acting user from its authentication state and follows changes.</summary>
internal sealed class CurrentUserCircuitHandler(AuthenticationStateProvider auth, CurrentUserAccessor accessor) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        accessor.User = ClaimsUser.From((await auth.GetAuthenticationStateAsync()).User);
        auth.AuthenticationStateChanged += async task => accessor.User = ClaimsUser.From((await task).User);
    }
}
