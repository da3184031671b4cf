using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;

namespace Joules.Host.Features.Demo;

/// <summary>A delivery area of the demo: name and real postal codes with their town.</summary>
internal sealed record DemoArea(string Name, (string PostalCode, string City)[] Places);

/// <summary>A demo tariff. Prices are net; <see cref="EnergyCt"/> is the base working price that each area varies slightly.</summary>
internal sealed record DemoTariff(
    string Code, string Name, Commodity Commodity, CustomerType CustomerType, TariffTerms Terms,
    decimal BasePerYear, decimal EnergyCt, decimal NewCustomerBonus, bool SecondVersion, int Popularity, TariffUsage Usage = TariffUsage.General);

/// <summary>A demo sales partner; <see cref="Parent"/> names the parent's number.</summary>
internal sealed record DemoPartner(string Number, string Name, string? Parent, SalesChannel Channel, CommissionScheme Scheme, bool VatLiable = true);

/// <summary>What a demo brand consists of.</summary>
internal sealed record DemoBrand(
    string Code, string Name, string LegalName, string Country, string PrimaryColor, int Customers,
    DemoArea[] Areas, DemoTariff[] Tariffs, DemoPartner[] Partners, string EmailDomain);

/// <summary>The fixed master data of the demo tenants (the random part is in <see cref="DemoTenantGenerator"/>).
/// All names of companies and partners are fictional.</summary>
internal static class DemoCatalog
{
    public const string PartnerUserPartner = "VP-1000";

    private static TariffTerms HouseholdFlexible => new(0, 1, 4, 0);
    private static TariffTerms Household(int months) => new(months, 1, 4, months);
    private static TariffTerms Business(int months) => new(months, 12, 12, months);

    public static DemoBrand Sonnental(int customers) => new(
        "SWS", "Stadtwerke Sonnental", "Stadtwerke Sonnental GmbH", "DE", "#1E6B52", customers,
        [
            new("Freiburg und Breisgau",
            [
                ("79098", "Freiburg im Breisgau"), ("79100", "Freiburg im Breisgau"), ("79102", "Freiburg im Breisgau"),
                ("79104", "Freiburg im Breisgau"), ("79106", "Freiburg im Breisgau"), ("79108", "Freiburg im Breisgau"),
                ("79110", "Freiburg im Breisgau"), ("79111", "Freiburg im Breisgau"), ("79112", "Freiburg im Breisgau"),
                ("79114", "Freiburg im Breisgau"), ("79115", "Freiburg im Breisgau"), ("79117", "Freiburg im Breisgau"),
                ("79189", "Bad Krozingen"), ("79194", "Gundelfingen"), ("79199", "Kirchzarten"), ("79211", "Denzlingen"),
                ("79224", "Umkirch"), ("79232", "March"), ("79249", "Merzhausen"), ("79252", "Stegen"),
            ]),
            new("Karlsruhe",
            [
                ("76131", "Karlsruhe"), ("76133", "Karlsruhe"), ("76135", "Karlsruhe"), ("76137", "Karlsruhe"),
                ("76139", "Karlsruhe"), ("76149", "Karlsruhe"), ("76185", "Karlsruhe"), ("76187", "Karlsruhe"),
                ("76189", "Karlsruhe"), ("76199", "Karlsruhe"), ("76227", "Karlsruhe"), ("76228", "Karlsruhe"),
                ("76229", "Karlsruhe"), ("76275", "Ettlingen"), ("76287", "Rheinstetten"), ("76297", "Stutensee"),
            ]),
            new("Ortenau",
            [
                ("77652", "Offenburg"), ("77654", "Offenburg"), ("77656", "Offenburg"), ("77694", "Kehl"),
                ("77716", "Haslach im Kinzigtal"), ("77723", "Gengenbach"), ("77746", "Schutterwald"),
                ("77767", "Appenweier"), ("77770", "Durbach"), ("77799", "Ortenberg"),
            ]),
        ],
        [
            new("S-BASIS", "Sonnental Strom Basis", Commodity.Electricity, CustomerType.Household, HouseholdFlexible, 139.80m, 29.41m, 0m, true, 20),
            new("S-FIX12", "Sonnental Strom Fix 12", Commodity.Electricity, CustomerType.Household, Household(12), 119.40m, 27.35m, 50m, true, 24),
            new("S-OEKO24", "Sonnental Strom Öko 24", Commodity.Electricity, CustomerType.Household, Household(24), 125.88m, 26.89m, 75m, false, 18),
            new("S-WAERME", "Sonnental Wärmestrom", Commodity.Electricity, CustomerType.Household, Household(12), 104.40m, 22.48m, 0m, false, 4, TariffUsage.HeatPump),
            new("S-GEW12", "Sonnental Strom Gewerbe 12", Commodity.Electricity, CustomerType.Business, Business(12), 159.60m, 25.90m, 0m, true, 6),
            new("S-GEW24", "Sonnental Strom Gewerbe Fix 24", Commodity.Electricity, CustomerType.Business, Business(24), 162.00m, 24.75m, 0m, false, 4),
            new("G-BASIS", "Sonnental Gas Basis", Commodity.Gas, CustomerType.Household, HouseholdFlexible, 143.40m, 11.08m, 0m, true, 8),
            new("G-FIX12", "Sonnental Gas Fix 12", Commodity.Gas, CustomerType.Household, Household(12), 128.40m, 9.87m, 40m, false, 10),
            new("G-OEKO24", "Sonnental Gas Öko 24", Commodity.Gas, CustomerType.Household, Household(24), 134.40m, 10.42m, 50m, false, 4),
            new("G-GEW12", "Sonnental Gas Gewerbe 12", Commodity.Gas, CustomerType.Business, Business(12), 154.80m, 8.64m, 0m, false, 2),
        ],
        [
            new("VP-1000", "Energievertrieb Breisgau GmbH", null, SalesChannel.DoorToDoor, Scheme(60, 10, 0)),
            new("VP-1010", "Team Dreisamtal", "VP-1000", SalesChannel.DoorToDoor, Scheme(45, 8, 12)),
            new("VP-1011", "Haustürservice Kirchzarten", "VP-1010", SalesChannel.DoorToDoor, Scheme(40, 6, 8), VatLiable: false),
            new("VP-1012", "Markus Engler Energieberatung", "VP-1010", SalesChannel.DoorToDoor, Scheme(38, 6, 8), VatLiable: false),
            new("VP-1020", "Team Kaiserstuhl", "VP-1000", SalesChannel.DoorToDoor, Scheme(45, 8, 12)),
            new("VP-1021", "Vertriebsbüro Ihringen", "VP-1020", SalesChannel.Shop, Scheme(40, 7, 8)),
            new("VP-1030", "Freiburger Energieshop", "VP-1000", SalesChannel.Shop, Scheme(50, 8, 12)),
            new("VP-2000", "Südwest Vertriebspartner AG", null, SalesChannel.Phone, Scheme(55, 9, 0)),
            new("VP-2010", "Callcenter Karlsruhe Nord", "VP-2000", SalesChannel.Phone, Scheme(35, 6, 12)),
            new("VP-2011", "Telefonteam Durlach", "VP-2010", SalesChannel.Phone, Scheme(30, 5, 8)),
            new("VP-2012", "Dialog Direkt Ettlingen", "VP-2010", SalesChannel.Phone, Scheme(30, 5, 8)),
            new("VP-2020", "Agentur Hardtwald", "VP-2000", SalesChannel.DoorToDoor, Scheme(45, 7, 12)),
            new("VP-2021", "Energiepartner Stutensee", "VP-2020", SalesChannel.DoorToDoor, Scheme(40, 6, 8), VatLiable: false),
            new("VP-3000", "Ortenau Energie Agentur GmbH", null, SalesChannel.DoorToDoor, Scheme(58, 9, 0)),
            new("VP-3010", "Vertrieb Offenburg Mitte", "VP-3000", SalesChannel.Shop, Scheme(42, 7, 12)),
            new("VP-3011", "Kinzigtal Service", "VP-3010", SalesChannel.DoorToDoor, Scheme(38, 6, 8)),
            new("VP-3020", "Energieteam Kehl", "VP-3000", SalesChannel.DoorToDoor, Scheme(42, 7, 12)),
            new("VP-3021", "Rheinufer Beratung", "VP-3020", SalesChannel.DoorToDoor, Scheme(36, 6, 8), VatLiable: false),
            new("VP-4000", "Tarifvergleich Stromfuchs", null, SalesChannel.ComparisonPortal, Scheme(70, 0, 0)),
            new("VP-4010", "Wechselhelfer Online", "VP-4000", SalesChannel.ComparisonPortal, Scheme(55, 0, 12)),
        ],
        "sonnental-demo.de");

    public static DemoBrand Alpenstrom(int customers) => new(
        "ALP", "Alpenstrom", "Alpenstrom Energievertrieb GmbH", "AT", "#2F5D8A", customers,
        [
            new("Tirol",
            [
                ("6020", "Innsbruck"), ("6060", "Hall in Tirol"), ("6063", "Rum"), ("6130", "Schwaz"), ("6200", "Jenbach"),
                ("6300", "Wörgl"), ("6330", "Kufstein"), ("6410", "Telfs"), ("6460", "Imst"), ("6500", "Landeck"),
            ]),
        ],
        [
            new("A-STROM", "Alpenstrom Strom Basis", Commodity.Electricity, CustomerType.Household, HouseholdFlexible, 108.00m, 24.90m, 0m, true, 20),
            new("A-FIX12", "Alpenstrom Strom Fix 12", Commodity.Electricity, CustomerType.Household, Household(12), 102.00m, 23.50m, 30m, false, 15),
            new("A-GEW12", "Alpenstrom Strom Gewerbe 12", Commodity.Electricity, CustomerType.Business, Business(12), 150.00m, 22.90m, 0m, false, 3),
            new("A-GAS", "Alpenstrom Gas Basis", Commodity.Gas, CustomerType.Household, HouseholdFlexible, 114.00m, 9.20m, 0m, false, 6),
        ],
        [
            new("AP-100", "Tiroler Energieberatung KG", null, SalesChannel.DoorToDoor, Scheme(50, 8, 0)),
            new("AP-110", "Unterland Vertrieb", "AP-100", SalesChannel.Phone, Scheme(40, 6, 12)),
        ],
        "alpenstrom-demo.at");

    private static CommissionScheme Scheme(decimal fixedAmount, decimal perMwh, decimal overridePercent) => new()
    {
        ClosingFixed = fixedAmount, ClosingPerMwh = perMwh, ClosingMinMwh = 1m, ClosingMaxMwh = 10m,
        ServicingPerMwh = perMwh > 0 ? 1.5m : 0m, ParentOverridePercent = overridePercent, LiabilityMonths = 12,
    };

    public static readonly string[] ClarificationReasons =
        ["Zählernummer unvollständig", "Bankverbindung fehlt", "Lieferadresse nicht eindeutig", "Vorlieferant unbekannt"];
    public static readonly string[] CreditRejectReasons = ["Bonitätsauskunft negativ", "Score unter Schwellenwert"];
    public static readonly string[] QualityFailReasons =
        ["Unterschrift fehlt", "Auftrag telefonisch nicht bestätigt", "Kundendaten weichen vom Auftrag ab"];
    public static readonly string[] TerminationRejectReasons =
        ["Vertragsbindung beim Vorlieferanten bis zum Folgejahr", "Kündigungsfrist beim Vorlieferanten nicht eingehalten"];
    public static readonly string[] GridRejectReasons =
        ["MaLo-ID beim Netzbetreiber unbekannt", "Zählernummer passt nicht zur Marktlokation", "Lieferbeginn zu kurzfristig"];
    public static readonly string[] WithdrawalReasons = ["Widerruf per E-Mail", "Widerruf per Brief", "Widerruf telefonisch"];
    public static readonly string[] CancelReasons =
        ["Kunde zieht nicht ein", "Doppelter Auftrag", "Kunde bleibt beim bisherigen Lieferanten", "Storniert nach Ablehnung"];
    public static readonly string[] TerminationReasons =
        ["Kündigung durch den Kunden", "Umzug ins Ausland", "Sonderkündigung nach Preisanpassung"];
    public static readonly string[] MeterMakers = ["ESY", "EMH", "ITR", "LOG", "EBZ", "DZG"];
}
