namespace Joules.Core.Domain.Common;

/// <summary>A brand's configuration that hot paths read on every operation and keep in
/// <see cref="Tenancy.BrandConfigurationCache"/>: every save of such an entity invalidates the brand's cached entries
/// in this process.</summary>
public interface IBrandConfiguration : ITenantOwned;
