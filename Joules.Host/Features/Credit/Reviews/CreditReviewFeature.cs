namespace Joules.Host.Features.Credit.Reviews;

/// <summary>Services of the manual review queue and the contract's credit panel.</summary>
internal static class CreditReviewFeature
{
    public static IServiceCollection AddCreditReviewFeature(this IServiceCollection services)
    {
        services.AddScoped<CreditActions>();
        return services;
    }
}
