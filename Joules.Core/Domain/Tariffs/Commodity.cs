namespace Joules.Core.Domain.Tariffs;

/// <summary>Sparte: power or gas.</summary>
public enum Commodity { Electricity = 0, Gas = 1 }
