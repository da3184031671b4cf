using Joules.Core.Domain.Common;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Events;

namespace Joules.Core.Domain.Contracts;

/// <summary>An energy supply contract for one market location.</summary>
public sealed class Contract : AggregateRoot, ITenantOwned
{
    private readonly List<ContractStatusEvent> _history = [];

    private Contract() { }

    public Contract(Guid brandId, string contractNumber, Guid customerId, Tariff tariff, ContractDetails details, Guid? salesPartnerId, SalesChannel channel, string actor, string source = "ui", DateTimeOffset? at = null)
    {
        if (tariff.BrandId != brandId) throw new DomainException(CoreText.Get("Contract.TariffOtherBrand"), nameof(TariffId));
        BrandId = brandId;
        ContractNumber = contractNumber;
        CustomerId = customerId;
        TariffId = tariff.Id;
        Commodity = tariff.Commodity;
        SalesPartnerId = salesPartnerId;
        Channel = channel;
        OrderedAt = at ?? DateTimeOffset.UtcNow;
        Update(details, tariff);
        Status = ContractStatus.Captured;
        StatusChangedAt = OrderedAt;
        _history.Add(new ContractStatusEvent(brandId, Id, null, Status, OrderedAt, actor, null, source));
        Raise(new ContractCreated(Id, brandId, contractNumber, customerId, salesPartnerId, Commodity));
    }

    public Guid BrandId { get; set; }
    public string ContractNumber { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public Guid TariffId { get; private set; }
    /// <summary>Price list version the contract was sold with, if known.</summary>
    public Guid? PriceListId { get; set; }
    public Commodity Commodity { get; private set; }
    public Address DeliveryAddress { get; private set; } = new();
    public string? MaLoId { get; private set; }
    public string? MeterNumber { get; private set; }
    public int AnnualConsumptionKwh { get; private set; }
    public DateTimeOffset OrderedAt { get; private set; }
    public DateOnly? SupplyStart { get; private set; }
    public DateOnly? SupplyEnd { get; private set; }
    public DateOnly? PriceGuaranteeEnd { get; private set; }
    public DateOnly? TermEnd { get; private set; }
    public Guid? SalesPartnerId { get; private set; }
    public SalesChannel Channel { get; private set; }
    public ContractStatus Status { get; private set; }
    public DateTimeOffset StatusChangedAt { get; private set; }
    /// <summary>False if the customer was not properly instructed about withdrawal: the period is then 12 months and 14 days.</summary>
    public bool WithdrawalInstructionGiven { get; set; } = true;

    /// <summary>The employee in charge of the contract (back office), notified by rules addressed to "the responsible
    /// employee"; null when nobody is assigned.</summary>
    public Guid? ResponsibleUserId { get; set; }

    /// <summary>Supplier change or move-in (orders); null when not captured.</summary>
    public SupplyReason? SupplyReason { get; private set; }
    /// <summary>The previous supplier (supplier change).</summary>
    public string? PreviousSupplier { get; private set; }
    /// <summary>The customer number at the previous supplier.</summary>
    public string? PreviousCustomerNumber { get; private set; }
    /// <summary>How the customer pays; null when not captured.</summary>
    public PaymentMethod? PaymentMethod { get; private set; }
    /// <summary>IBAN of the SEPA direct debit.</summary>
    public string? Iban { get; private set; }
    /// <summary>Account holder of the SEPA direct debit.</summary>
    public string? AccountHolder { get; private set; }
    /// <summary>SEPA mandate reference.</summary>
    public string? MandateReference { get; private set; }
    /// <summary>When the customer granted the SEPA mandate.</summary>
    public DateTimeOffset? MandateGrantedAt { get; private set; }

    /// <summary>Records the switching details and the payment of an order (validated: IBAN check, mandate for direct
    /// debit, previous supplier for a supplier change).</summary>
    public void RecordOrder(SwitchDetails supply, PaymentDetails payment)
    {
        if (supply.Reason == Contracts.SupplyReason.SupplierChange && string.IsNullOrWhiteSpace(supply.PreviousSupplier))
            throw new DomainException(CoreText.Get("Order.PreviousSupplierRequired"), nameof(PreviousSupplier));
        var checkedPayment = payment.Normalised();
        SupplyReason = supply.Reason;
        PreviousSupplier = string.IsNullOrWhiteSpace(supply.PreviousSupplier) ? null : supply.PreviousSupplier.Trim();
        PreviousCustomerNumber = string.IsNullOrWhiteSpace(supply.PreviousCustomerNumber) ? null : supply.PreviousCustomerNumber.Trim();
        PaymentMethod = checkedPayment.Method;
        Iban = checkedPayment.Iban;
        AccountHolder = checkedPayment.AccountHolder;
        MandateReference = checkedPayment.MandateReference;
        MandateGrantedAt = checkedPayment.MandateGrantedAt;
    }
    public IReadOnlyList<ContractStatusEvent> History => _history;

    /// <summary>Validates and applies the supply data; dates derive from the tariff's terms.</summary>
    public void Update(ContractDetails d, Tariff tariff)
    {
        if (d.MaLoId is { Length: > 0 } malo && !Contracts.MaLoId.IsValid(malo))
            throw new DomainException(CoreText.Format("Contract.MaLoInvalid", malo), nameof(MaLoId));
        if (d.AnnualConsumptionKwh is <= 0 or > 100_000_000)
            throw new DomainException(CoreText.Get("Contract.ConsumptionRange"), nameof(AnnualConsumptionKwh));
        if (d.SupplyEnd is { } end && d.SupplyStart is { } start && end < start)
            throw new DomainException(CoreText.Get("Contract.SupplyEndBeforeStart"), nameof(SupplyEnd));
        d.DeliveryAddress.Validate(nameof(DeliveryAddress));

        DeliveryAddress = d.DeliveryAddress;
        MaLoId = string.IsNullOrWhiteSpace(d.MaLoId) ? null : d.MaLoId;
        MeterNumber = string.IsNullOrWhiteSpace(d.MeterNumber) ? null : d.MeterNumber.Trim();
        AnnualConsumptionKwh = d.AnnualConsumptionKwh;
        SupplyStart = d.SupplyStart;
        SupplyEnd = d.SupplyEnd;
        PriceGuaranteeEnd = d.SupplyStart?.AddMonths(tariff.PriceGuaranteeMonths).AddDays(-1);
        TermEnd = d.SupplyStart?.AddMonths(tariff.MinimumTermMonths).AddDays(-1);
    }

    /// <summary>Moves the contract to <paramref name="to"/> if the workflow allows it, and appends the history entry.</summary>
    public void ChangeStatus(ContractStatus to, string actor, string? reason, string source = "ui", DateTimeOffset? at = null)
    {
        ContractWorkflow.EnsureAllowed(Status, to, reason);
        var now = at ?? DateTimeOffset.UtcNow;
        if (to == ContractStatus.Withdrawn) EnsureWithinWithdrawalPeriod(now);
        var from = Status;
        Status = to;
        StatusChangedAt = now;
        if (to == ContractStatus.Ended && SupplyEnd is null) SupplyEnd = DateOnly.FromDateTime(now.UtcDateTime);
        _history.Add(new ContractStatusEvent(BrandId, Id, from, to, now, actor, reason?.Trim(), source));
        Raise(new ContractStatusChanged(Id, BrandId, ContractNumber, from, to, actor, reason, SalesPartnerId));
    }

    /// <summary>Statuses this contract may move to now.</summary>
    public IReadOnlyList<ContractStatus> NextStatuses() => ContractWorkflow.AllowedFrom(Status);

    private void EnsureWithinWithdrawalPeriod(DateTimeOffset now)
    {
        var deadline = WithdrawalInstructionGiven ? OrderedAt.AddDays(14) : OrderedAt.AddMonths(12).AddDays(14);
        if (now > deadline.AddDays(1))
            throw new DomainException(CoreText.Format("Contract.WithdrawalPeriodOver", deadline.ToLocalTime().ToString("d")), "Reason");
    }
}

/// <summary>Editable supply data of a contract.</summary>
public sealed record ContractDetails(
    Address DeliveryAddress,
    string? MaLoId,
    string? MeterNumber,
    int AnnualConsumptionKwh,
    DateOnly? SupplyStart,
    DateOnly? SupplyEnd = null);
