using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Imports;
using Joules.Core.Domain.Tariffs;

namespace Joules.Core.Events;

/// <summary>A contract was captured.</summary>
public sealed record ContractCreated(Guid ContractId, Guid? BrandId, string ContractNumber, Guid CustomerId, Guid? SalesPartnerId, Commodity Commodity) : IDomainEvent;

/// <summary>A contract moved from one status to another.</summary>
public sealed record ContractStatusChanged(Guid ContractId, Guid? BrandId, string ContractNumber, ContractStatus From, ContractStatus To, string Actor, string? Reason, Guid? SalesPartnerId) : IDomainEvent;

/// <summary>A customer was created.</summary>
public sealed record CustomerCreated(Guid CustomerId, Guid? BrandId, string CustomerNumber) : IDomainEvent;

/// <summary>An import finished and its rows were committed.</summary>
public sealed record ImportCompleted(Guid RunId, Guid? BrandId, TransferKind Kind, string FileName, int Rows, string TriggeredBy) : IDomainEvent;

/// <summary>An import was refused; nothing was written.</summary>
public sealed record ImportFailed(Guid RunId, Guid? BrandId, TransferKind Kind, string FileName, int ErrorCount, string FirstError, string TriggeredBy) : IDomainEvent;

/// <summary>An export file was written.</summary>
public sealed record ExportCompleted(Guid RunId, Guid? BrandId, TransferKind Kind, string FileName, int Rows, string TriggeredBy) : IDomainEvent;

/// <summary>A commission statement was released for payment.</summary>
public sealed record CommissionSettlementReleased(Guid StatementId, Guid? BrandId, Guid SalesPartnerId, string Number, DateOnly PeriodStart, DateOnly PeriodEnd, decimal NetTotal, string Actor) : IDomainEvent;
