using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.UseCases.Common;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Contracts;

/// <summary>Input of <see cref="CaptureContract"/>.</summary>
public sealed record CaptureContractCommand(
    Guid CustomerId, Guid TariffId, Guid? SalesPartnerId, SalesChannel Channel, ContractDetails Details, string Source = "ui");

/// <summary>Back office captures a contract for an existing customer. The contract gets the next contract number
/// of the customer's brand and starts in <see cref="ContractStatus.Captured"/>; nothing is saved on error.</summary>
public sealed class CaptureContract(JoulesDbContext db)
{
    public async Task<Contract> RunAsync(CaptureContractCommand command, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == command.CustomerId)
            .Select(c => new { c.Id, c.BrandId }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException(CoreText.Get("Contract.CustomerMissing"), nameof(Contract.CustomerId));
        var tariff = await db.Tariffs.SingleOrDefaultAsync(t => t.Id == command.TariffId, ct)
            ?? throw new DomainException(CoreText.Get("Contract.TariffMissing"), nameof(Contract.TariffId));
        if (command.SalesPartnerId is { } partnerId &&
            !await db.SalesPartners.AnyAsync(p => p.Id == partnerId && p.BrandId == customer.BrandId, ct))
            throw new DomainException(CoreText.Get("Contract.PartnerMissing"), nameof(Contract.SalesPartnerId));

        for (var attempt = 1; ; attempt++)
        {
            var number = await RunningNumbers.NextAsync(
                db.Contracts.IgnoreQueryFilters().Where(c => c.BrandId == customer.BrandId).Select(c => c.ContractNumber), RunningNumbers.ContractPrefix, ct);
            var contract = new Contract(customer.BrandId, number, customer.Id, tariff, command.Details, command.SalesPartnerId, command.Channel, db.User.UserName, command.Source);
            // Back-office staff who capture a contract are in charge of it; sales partner users are not employees.
            if (db.User.VisiblePartnerIds is null) contract.ResponsibleUserId = db.User.UserId;
            db.Contracts.Add(contract);
            try
            {
                await db.SaveChangesAsync(ct);
                return contract;
            }
            catch (DbUpdateException ex) when (attempt < 3 && RunningNumbers.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
                db.Attach(tariff);
            }
        }
    }
}
