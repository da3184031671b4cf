namespace Joules.Core.Domain.SalesPartners;

/// <summary>How a contract was sold.</summary>
public enum SalesChannel { Online = 0, DoorToDoor = 1, Phone = 2, Shop = 3, ComparisonPortal = 4, BackOffice = 5 }
