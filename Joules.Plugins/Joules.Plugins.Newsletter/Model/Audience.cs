using Joules.Core.Domain.Common;

namespace Joules.Plugins.Newsletter.Model;

/// <summary>Why a list may be mailed: the recipient's consent (double opt-in), or the existing-customer exception of
/// § 7 Abs. 3 UWG (own similar products, objection notice at collection and in every mail).</summary>
public enum ListLegalBasis { Consent = 0, ExistingCustomer = 1 }

/// <summary>A mailing list of one brand ("Newsletter", "Vertriebspartner-Info").</summary>
public sealed class MailingList : ITenantOwned
{
    public long Id { get; set; }
    public Guid BrandId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public ListLegalBasis LegalBasis { get; set; }
    /// <summary>Offered on the brand's public subscribe form and in the preference centre.</summary>
    public bool Public { get; set; }
    /// <summary>The consent text shown on the subscribe form; its version is stored with every subscription as proof.</summary>
    public string ConsentText { get; set; } = "";
    public int ConsentTextVersion { get; set; } = 1;
    public bool Archived { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>Where a subscriber came from.</summary>
public enum SubscriberSource { Form = 0, Import = 1, Customer = 2, SalesPartner = 3, Manual = 4 }

/// <summary>One e-mail address of a brand's audience (unique per brand, stored lower case).</summary>
public sealed class Subscriber : ITenantOwned
{
    public long Id { get; set; }
    public Guid BrandId { get; set; }
    public string Email { get; set; } = "";
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    /// <summary>"de" or "en".</summary>
    public string Language { get; set; } = "de";
    public SubscriberSource Source { get; set; }
    public Guid? CustomerId { get; set; }
    public Guid? SalesPartnerId { get; set; }
    /// <summary>Consent to open and click tracking (§ 25 TDDDG). Without it mails carry no pixel and links count anonymously.</summary>
    public bool TrackingConsent { get; set; }
    public DateTimeOffset? TrackingConsentAt { get; set; }
    /// <summary>Further Liquid variables as a JSON object (from imports or the customer record).</summary>
    public string? AttributesJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public enum SubscriptionStatus { Unconfirmed = 0, Confirmed = 1, Unsubscribed = 2 }

/// <summary>A subscriber on a list, with the proof of consent (double opt-in) or of the § 7 (3) notice.</summary>
public sealed class Subscription : ITenantOwned
{
    public long Id { get; set; }
    public Guid BrandId { get; set; }
    public long SubscriberId { get; set; }
    public long ListId { get; set; }
    public SubscriptionStatus Status { get; set; }
    public ListLegalBasis LegalBasis { get; set; }
    /// <summary>Form id, "import:&lt;file&gt;", "customer-consent", "admin:&lt;user&gt;".</summary>
    public string Source { get; set; } = "";
    public DateTimeOffset ConsentGivenAt { get; set; }
    public string? ConsentIp { get; set; }
    public string? ConsentUserAgent { get; set; }
    public int? ConsentTextVersion { get; set; }
    /// <summary>The exact consent text the subscriber agreed to.</summary>
    public string? ConsentText { get; set; }
    public DateTimeOffset? ConfirmationSentAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public string? ConfirmedIp { get; set; }
    /// <summary>§ 7 (3) UWG: the customer was told at collection that they may object at any time.</summary>
    public bool ObjectionNoticeGiven { get; set; }
    public DateTimeOffset? UnsubscribedAt { get; set; }
    /// <summary>"link", "one-click", "preferences", "bounce", "complaint", "admin".</summary>
    public string? UnsubscribeChannel { get; set; }
}

public enum SuppressionReason { Unsubscribed = 0, HardBounce = 1, Complaint = 2, Manual = 3 }

/// <summary>An address that must not get marketing mail of the brand, whatever list it is on.</summary>
public sealed class Suppression : ITenantOwned
{
    public long Id { get; set; }
    public Guid BrandId { get; set; }
    public string Email { get; set; } = "";
    public SuppressionReason Reason { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A saved filter over a brand's subscribers (conditions are combined with AND; empty ones are ignored).</summary>
public sealed class Segment : ITenantOwned
{
    public long Id { get; set; }
    public Guid BrandId { get; set; }
    public string Name { get; set; } = "";
    public SubscriberSource? Source { get; set; }
    public string? PostalCodePrefix { get; set; }
    public string? Language { get; set; }
    public bool? TrackingConsent { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
