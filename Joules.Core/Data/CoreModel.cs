namespace Joules.Core.Data;

/// <summary>Names shared by Core's model and features that bypass filters on purpose.</summary>
public static class CoreModel
{
    /// <summary>Name of the query filter that scopes tenant-owned rows to the current brand.</summary>
    public const string TenantFilter = "Tenant";

    /// <summary>Name of the query filter that scopes partner users to their partner subtree.</summary>
    public const string PartnerFilter = "Partner";
}
