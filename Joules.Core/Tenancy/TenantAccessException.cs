using Joules.Core.Domain.Common;

namespace Joules.Core.Tenancy;

/// <summary>A write touched a row of a brand the current user may not change.</summary>
public sealed class TenantAccessException(string message) : DomainException(message);
