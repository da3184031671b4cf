namespace Joules.Core.Transfers;

/// <summary>Column headers of the contract CSV (import and export), as German Excel users name them.
/// Required on import: <see cref="Required"/>. Other columns may be left out.</summary>
public static class ContractColumns
{
    public const string ContractNumber = "Vertragsnummer";
    public const string CustomerNumber = "Kundennummer";
    /// <summary>"Privat" or "Gewerbe".</summary>
    public const string CustomerType = "Kundenart";
    /// <summary>"Herr", "Frau", "Divers", "Firma" or empty.</summary>
    public const string Salutation = "Anrede";
    public const string FirstName = "Vorname";
    public const string LastName = "Nachname";
    public const string Company = "Firma";
    public const string BirthDate = "Geburtsdatum";
    public const string Email = "E-Mail";
    public const string Phone = "Telefon";
    public const string Street = "Straße";
    public const string HouseNumber = "Hausnummer";
    public const string PostalCode = "PLZ";
    public const string City = "Ort";
    /// <summary>DE or AT; empty means DE.</summary>
    public const string Country = "Land";
    /// <summary>Tariff code.</summary>
    public const string Tariff = "Tarif";
    public const string MaLoId = "MaLo-ID";
    public const string MeterNumber = "Zählernummer";
    public const string AnnualConsumption = "Jahresverbrauch kWh";
    public const string SupplyStart = "Lieferbeginn";
    /// <summary>Partner number of the sales partner.</summary>
    public const string SalesPartner = "Vertriebspartner";
    /// <summary>Online, Haustür, Telefon, Shop, Vergleichsportal, Backoffice; empty means the partner's channel.</summary>
    public const string Channel = "Vertriebskanal";
    public const string OrderDate = "Auftragsdatum";
    /// <summary>Export only: status code of the contract.</summary>
    public const string Status = "Status";

    /// <summary>Columns an import file must have.</summary>
    public static readonly IReadOnlyList<string> Required =
        [ContractNumber, CustomerNumber, CustomerType, LastName, Street, HouseNumber, PostalCode, City, Tariff, AnnualConsumption];

    /// <summary>All import columns in file order.</summary>
    public static readonly IReadOnlyList<string> All =
        [ContractNumber, CustomerNumber, CustomerType, Salutation, FirstName, LastName, Company, BirthDate, Email, Phone,
         Street, HouseNumber, PostalCode, City, Country, Tariff, MaLoId, MeterNumber, AnnualConsumption, SupplyStart,
         SalesPartner, Channel, OrderDate];
}

/// <summary>Column headers of the meter reading CSV. Each line names the contract by <see cref="ContractNumber"/>
/// or <see cref="MaLoId"/>, and carries a reading (<see cref="Reading"/>) or a consumption over a period
/// (<see cref="PeriodStart"/> to <see cref="ReadOn"/>, <see cref="Consumption"/>).</summary>
public static class MeterReadingColumns
{
    public const string ContractNumber = "Vertragsnummer";
    public const string MaLoId = "MaLo-ID";
    public const string ReadOn = "Ablesedatum";
    public const string Reading = "Zählerstand kWh";
    public const string PeriodStart = "Zeitraum von";
    public const string Consumption = "Verbrauch kWh";
}
