using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Customers;

/// <summary>One consent given or withdrawn (append-only: a withdrawal is a new row).</summary>
public sealed class CustomerConsent : Entity, ITenantOwned
{
    private CustomerConsent() { }

    internal CustomerConsent(Guid brandId, Guid customerId, ConsentPurpose purpose, bool granted, DateTimeOffset at, string source, string? text)
    {
        BrandId = brandId;
        CustomerId = customerId;
        Purpose = purpose;
        Granted = granted;
        At = at;
        Source = source;
        Text = text;
    }

    public Guid BrandId { get; set; }
    public Guid CustomerId { get; private set; }
    public ConsentPurpose Purpose { get; private set; }
    public bool Granted { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>Where the consent was captured: "order-funnel", "import", "phone", "back-office"…</summary>
    public string Source { get; private set; } = "";
    /// <summary>The consent text the customer saw.</summary>
    public string? Text { get; private set; }
}
