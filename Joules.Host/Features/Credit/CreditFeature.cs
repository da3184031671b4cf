namespace Joules.Host.Features.Credit;

/// <summary>Services of the credit pages: settings, score rules, the review queue and the contract's credit panel.</summary>
internal static class CreditFeature
{
    public static IServiceCollection AddCreditFeature(this IServiceCollection services) =>
        services.AddScoped<CreditText>().AddScoped<Reviews.CreditActions>();
}
