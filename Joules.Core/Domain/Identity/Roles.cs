namespace Joules.Core.Domain.Identity;

/// <summary>The built-in roles. Plugins restrict pages and endpoints to these names.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string Staff = nameof(Staff);
    public const string SalesPartner = nameof(SalesPartner);
    public const string Analyst = nameof(Analyst);
    public const string QualityReviewer = nameof(QualityReviewer);

    /// <summary>Every built-in role.</summary>
    public static readonly IReadOnlyList<string> All = [Administrator, Staff, SalesPartner, Analyst, QualityReviewer];

    /// <summary>Roles that work in the back office (comma-separated, for authorize attributes).</summary>
    public const string BackOffice = Administrator + "," + Staff;
}
