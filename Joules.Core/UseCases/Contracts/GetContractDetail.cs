using Joules.Core.Data;
using Joules.Core.Domain.Commissions;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Documents;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Contracts;

/// <summary>Everything the contract page shows: the contract with its customer, tariff and partner names,
/// the status history newest first, the documents and the contract's commission entries.</summary>
public sealed record ContractDetail(
    Contract Contract,
    string CustomerNumber,
    string CustomerName,
    string TariffName,
    string? PartnerName,
    IReadOnlyList<ContractStatusEvent> History,
    IReadOnlyList<ContractDocument> Documents,
    IReadOnlyList<ContractCommission> Commissions);

/// <summary>A commission entry of the contract with the name of the partner it belongs to.</summary>
public sealed record ContractCommission(CommissionEntry Entry, string PartnerName);

/// <summary>Loads <see cref="ContractDetail"/>; null if the contract does not exist for the acting user.</summary>
public sealed class GetContractDetail(JoulesDbContext db)
{
    public async Task<ContractDetail?> RunAsync(Guid contractId, CancellationToken ct = default)
    {
        var contract = await db.Contracts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contractId, ct);
        if (contract is null) return null;
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == contract.CustomerId).SingleAsync(ct);
        var tariffName = await db.Tariffs.Where(t => t.Id == contract.TariffId).Select(t => t.Name).SingleAsync(ct);
        var partnerName = contract.SalesPartnerId is { } partnerId
            ? await db.SalesPartners.IgnoreQueryFilters([CoreModel.PartnerFilter]).Where(p => p.Id == partnerId).Select(p => p.Name).SingleOrDefaultAsync(ct)
            : null;
        // DateTimeOffset is stored as a number on SQLite: sort in memory (a contract has few entries).
        var history = (await db.ContractStatusEvents.AsNoTracking().Where(e => e.ContractId == contractId).ToListAsync(ct))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToList();
        var documents = (await db.ContractDocuments.AsNoTracking().Where(d => d.ContractId == contractId).ToListAsync(ct))
            .OrderByDescending(d => d.UploadedAt).ToList();
        var commissions = (await db.CommissionEntries.AsNoTracking().Where(e => e.ContractId == contractId).ToListAsync(ct))
            .OrderBy(e => e.EarnedOn).ThenBy(e => e.CreatedAt).ToList();
        var partnerIds = commissions.Select(e => e.SalesPartnerId).Distinct().ToList();
        var names = await db.SalesPartners.IgnoreQueryFilters([CoreModel.PartnerFilter]).Where(p => partnerIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return new ContractDetail(contract, customer.CustomerNumber, customer.DisplayName, tariffName, partnerName, history, documents,
            commissions.Select(e => new ContractCommission(e, names.GetValueOrDefault(e.SalesPartnerId, "?"))).ToList());
    }
}
