namespace Joules.Core.Domain.Customers;

/// <summary>Household customer (§ 3 Nr. 22 EnWG) or business customer.</summary>
public enum CustomerType { Household = 0, Business = 1 }

/// <summary>Form of address.</summary>
public enum Salutation { None = 0, Mr = 1, Ms = 2, Diverse = 3, Company = 4 }

/// <summary>What a consent covers.</summary>
public enum ConsentPurpose { EmailMarketing = 0, PhoneMarketing = 1, PostalMarketing = 2, Tracking = 3, CreditCheck = 4, DataSharing = 5 }
