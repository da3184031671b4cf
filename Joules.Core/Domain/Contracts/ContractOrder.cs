using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Contracts;

/// <summary>Why supply starts: a change of supplier at a delivery point already supplied, or a move into a home.</summary>
public enum SupplyReason
{
    /// <summary>Lieferantenwechsel: the previous supplier's contract is terminated by us.</summary>
    SupplierChange = 0,
    /// <summary>Einzug / Neueinzug: supply from the move-in date.</summary>
    MoveIn = 1,
}

/// <summary>How the customer pays.</summary>
public enum PaymentMethod
{
    /// <summary>SEPA direct debit (Lastschrift) with a mandate.</summary>
    DirectDebit = 0,
    /// <summary>Bank transfer (Überweisung).</summary>
    BankTransfer = 1,
}

/// <summary>Switching details of an order: reason, previous supplier and customer number there (for the termination).</summary>
public sealed record SwitchDetails(SupplyReason Reason, string? PreviousSupplier, string? PreviousCustomerNumber);

/// <summary>Payment of an order: the method, and for SEPA direct debit IBAN, account holder and the mandate.</summary>
public sealed record PaymentDetails(PaymentMethod Method, string? Iban, string? AccountHolder, string? MandateReference, DateTimeOffset? MandateGrantedAt)
{
    /// <summary>Checks the payment: direct debit needs a valid IBAN (ISO 13616), the account holder and the mandate;
    /// throws <see cref="DomainException"/> naming the field.</summary>
    public PaymentDetails Normalised()
    {
        if (Method == PaymentMethod.BankTransfer) return new PaymentDetails(Method, null, null, null, null);
        var iban = Iban?.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(iban)) throw new DomainException(CoreText.Get("Order.IbanRequired"), nameof(Iban));
        if (!IbanCheck.IsValid(iban)) throw new DomainException(CoreText.Format("Order.IbanInvalid", Iban), nameof(Iban));
        if (string.IsNullOrWhiteSpace(AccountHolder)) throw new DomainException(CoreText.Get("Order.AccountHolderRequired"), nameof(AccountHolder));
        if (string.IsNullOrWhiteSpace(MandateReference) || MandateGrantedAt is null)
            throw new DomainException(CoreText.Get("Order.MandateRequired"), nameof(MandateReference));
        return new PaymentDetails(Method, iban, AccountHolder.Trim(), MandateReference.Trim(), MandateGrantedAt);
    }
}
