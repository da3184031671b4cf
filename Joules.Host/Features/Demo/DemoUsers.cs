using Joules.Core.Domain.Identity;

namespace Joules.Host.Features.Demo;

/// <summary>The demo logins listed in the README. The password is the same for all of them.</summary>
internal static class DemoUsers
{
    public const string Password = "Joules-Demo-2026";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role)> All =
    [
        ("admin", "Anna Admin", Roles.Administrator),
        ("staff", "Stefan Sachbearbeiter", Roles.Staff),
        ("partner", "Paula Partner", Roles.SalesPartner),
        ("analyst", "Alex Analyst", Roles.Analyst),
        ("reviewer", "Rita Reviewer", Roles.QualityReviewer),
    ];
}
