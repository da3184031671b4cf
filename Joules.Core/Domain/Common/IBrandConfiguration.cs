namespace Joules.Core.Domain.Common;

/// <summary>A brand's configuration or offer that hot paths read on every operation (credit settings, bureau routes and
/// rules, connections, tariffs with their price lists and delivery areas) and keep in
/// <see cref="Tenancy.BrandConfigurationCache"/>: every save of such an entity invalidates the brand's cached entries
/// in this process.</summary>
public interface IBrandConfiguration : ITenantOwned;
