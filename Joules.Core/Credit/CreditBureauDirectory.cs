using Joules.Core.Domain.Credit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Joules.Core.Credit;

/// <summary>Extension point: bureaus that come and go while the host runs (the plugin runtime's: one plugin per bureau).</summary>
public interface ICreditBureauSource
{
    /// <summary>Ids of the bureaus the source can ask now.</summary>
    IEnumerable<string> BureauIds { get; }

    /// <summary>Asks bureau <paramref name="bureauId"/>.</summary>
    /// <exception cref="CreditBureauUnavailableException">The bureau is gone or could not answer.</exception>
    Task<BureauResult> CheckAsync(string bureauId, CreditCheckRequest request, CancellationToken ct);
}

/// <summary>The bureaus the installation can ask now: those registered in DI as <see cref="ICreditBureau"/> and those of
/// running, licensed bureau plugins.</summary>
public interface ICreditBureauDirectory
{
    /// <summary>The bureaus available now (descriptors from <see cref="Bureaus"/>), sorted by name.</summary>
    IReadOnlyList<BureauDescriptor> Available { get; }

    /// <summary>Asks bureau <paramref name="bureauId"/>.</summary>
    /// <exception cref="CreditBureauUnavailableException">No such bureau is available, or it could not answer.</exception>
    Task<BureauResult> CheckAsync(string bureauId, CreditCheckRequest request, CancellationToken ct);
}

/// <inheritdoc />
public sealed class CreditBureauDirectory(IEnumerable<ICreditBureau> bureaus, IEnumerable<ICreditBureauSource> sources) : ICreditBureauDirectory
{
    /// <inheritdoc />
    public IReadOnlyList<BureauDescriptor> Available =>
        bureaus.Select(b => b.Descriptor.Id).Concat(sources.SelectMany(s => s.BureauIds)).Distinct()
            .Select(Bureaus.Find).OfType<BureauDescriptor>().OrderBy(b => b.Name, StringComparer.CurrentCultureIgnoreCase).ToList();

    /// <inheritdoc />
    public Task<BureauResult> CheckAsync(string bureauId, CreditCheckRequest request, CancellationToken ct)
    {
        if (bureaus.LastOrDefault(b => b.Descriptor.Id == bureauId) is { } bureau) return bureau.CheckAsync(request, ct);
        if (sources.FirstOrDefault(s => s.BureauIds.Contains(bureauId)) is { } source) return source.CheckAsync(bureauId, request, ct);
        throw new CreditBureauUnavailableException(Domain.Common.CoreText.Format("Credit.BureauNotAvailable", Bureaus.Find(bureauId)?.Name ?? bureauId));
    }
}

/// <summary>Registers the credit check services.</summary>
public static class CreditRegistration
{
    /// <summary>Adds the bureau directory, the check workflow, the review queue and the worker that runs automatic checks.</summary>
    public static IServiceCollection AddCreditChecks(this IServiceCollection services)
    {
        services.TryAddScoped<ICreditBureauDirectory, CreditBureauDirectory>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<UseCases.Credit.RunCreditCheck>();
        services.TryAddSingleton(sp => new CreditCheckWriter(sp.GetRequiredService<IServiceScopeFactory>()));
        services.TryAddScoped<UseCases.Credit.ContestCreditReject>();
        services.TryAddScoped<UseCases.Credit.CreditReviewQueue>();
        services.TryAddSingleton<CreditCheckQueue>();
        services.AddScoped<Events.IDomainEventHandler<Events.ContractStatusChanged>, StartCreditCheckWhenPending>();
        services.AddScoped<Events.IDomainEventHandler<Events.ContractStatusChanged>, CloseReviewWhenContractMovesOn>();
        services.AddHostedService<CreditCheckWorker>();
        Http.CreditHttpRegistration.AddCreditBureauHttp(services);
        return services;
    }
}

