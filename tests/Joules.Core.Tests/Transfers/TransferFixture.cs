using System.Text;
using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Joules.Core.Transfers;

namespace Joules.Core.Tests.Transfers;

/// <summary>A migrated SQLite file with one brand, two tariffs (STROM-BASIS, GAS-12) and a partner P-100.</summary>
public sealed class TransferFixture : IAsyncDisposable
{
    public const string Header = "Vertragsnummer;Kundennummer;Kundenart;Anrede;Vorname;Nachname;Firma;Geburtsdatum;E-Mail;Telefon;Straße;Hausnummer;PLZ;Ort;Land;Tarif;MaLo-ID;Zählernummer;Jahresverbrauch kWh;Lieferbeginn;Vertriebspartner;Vertriebskanal;Auftragsdatum";

    private TransferFixture(SqliteTestDatabase database, Brand brand, SalesPartner partner)
    {
        Database = database;
        Brand = brand;
        Partner = partner;
    }

    public SqliteTestDatabase Database { get; }
    public Brand Brand { get; }
    public SalesPartner Partner { get; }

    public static async Task<TransferFixture> CreateAsync()
    {
        var database = await new SqliteTestDatabase().MigrateAsync();
        var brand = await database.AddBrandAsync("SWS", "Stadtwerke Sonnental");
        await using var db = database.Context(new SystemUser("seed", brand.Id));
        db.Tariffs.Add(TestData.PowerTariff(brand.Id, "STROM-BASIS"));
        db.Tariffs.Add(new Tariff(brand.Id, "GAS-12", "Gas 12", Commodity.Gas, Joules.Core.Domain.Customers.CustomerType.Household, new TariffTerms(12, 12, 4, 12)));
        var partner = new SalesPartner(brand.Id, "P-100", "Vertrieb Süd", null, SalesChannel.DoorToDoor);
        db.SalesPartners.Add(partner);
        await db.SaveChangesAsync();
        return new TransferFixture(database, brand, partner);
    }

    /// <summary>A context acting as the clerk of the brand.</summary>
    public JoulesDbContext Context() => Database.Context(new SystemUser("clerk", Brand.Id));

    /// <summary>A valid data line; <paramref name="n"/> makes numbers, e-mail and MaLo-ID unique.</summary>
    public static string Line(int n, string? malo = null, string postalCode = "79100", string email = "", string tariff = "STROM-BASIS", string? number = null) =>
        $"{number ?? $"V-{n}"};K-{n};Privat;Frau;Erika;Muster{n};;17.05.1980;{(email == "" ? $"erika{n}@example.de" : email)};0761 {n};Hauptstraße;{n};{postalCode};Sonnental;DE;{tariff};{malo ?? MaLoId.Complete((5000000000L + n).ToString())};Z-{n};3.500,0;01.01.2027;P-100;;20.11.2026";

    public static MemoryStream Csv(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new MemoryStream(bom ? [.. Encoding.UTF8.GetPreamble(), .. bytes] : bytes);
    }

    public async Task<TransferResult> ImportAsync(string text, bool bom = false)
    {
        await using var db = Context();
        return await new ImportContracts(db).RunAsync(Csv(text, bom), "vertraege.csv");
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
