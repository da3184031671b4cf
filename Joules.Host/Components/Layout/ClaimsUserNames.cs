using Joules.Host.Hosting;

namespace Joules.Host.Components.Layout;

internal static class ClaimsUserNames
{
    public const string DisplayName = ClaimsUser.DisplayNameClaim;
}
