using System.Diagnostics;
using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Contracts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Joules.Bench;

/// <summary>The contract list (SearchContracts) on a SQLite file with 1,000,000 contracts in two brands, as a brand user.
/// Rows are written with raw prepared INSERTs in the format EF uses (checked against a row EF wrote).</summary>
public sealed class ContractListBenchmark : IBenchmark
{
    private const int Contracts = 1_000_000;
    private const int Warmup = 5;
    private const int Runs = 30;

    public string Name => "contract-list";
    public string Description => "SearchContracts over 1,000,000 contracts on SQLite (median/p95 of the first page)";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        // JOULES_BENCH_CONTRACTS_DB: reuse a database file from an earlier run (kept, not deleted) to iterate on queries.
        var reuse = Environment.GetEnvironmentVariable("JOULES_BENCH_CONTRACTS_DB");
        var file = string.IsNullOrEmpty(reuse) ? Path.Combine(workFolder, "contracts.db") : reuse;
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" };
        var watch = Stopwatch.StartNew();
        if (!File.Exists(file))
        {
            await using (var db = CoreDatabaseRegistration.Create(options, new SystemUser())) await db.Database.MigrateAsync(ct);
            var seed = await SeedMasterDataAsync(options, ct);
            Console.WriteLine($"   migrated, master data and EF template row in {watch.ElapsedMilliseconds} ms");

            watch.Restart();
            await InsertContractsAsync(options, seed, ct);
            Console.WriteLine($"   inserted {Contracts:N0} customers and contracts in {watch.Elapsed.TotalSeconds:F1} s");
        }
        watch.Restart();
        await using (var connection = new SqliteConnection(options.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var analyze = new SqliteCommand("ANALYZE;", connection);
            await analyze.ExecuteNonQueryAsync(ct);
        }
        Console.WriteLine($"   ANALYZE in {watch.Elapsed.TotalSeconds:F1} s");

        Guid brandA, partner;
        await using (var db = CoreDatabaseRegistration.Create(options, new SystemUser()))
        {
            brandA = await db.Brands.Where(b => b.Code == "SWS").Select(b => b.Id).SingleAsync(ct);
            partner = await db.SalesPartners.Where(p => p.PartnerNumber == "VP-1003").Select(p => p.Id).SingleAsync(ct);
        }
        var user = new SystemUser("bench-user", brandA);
        var largeStatus = ContractStatus.InSupply;
        var smallStatus = ContractStatus.CreditCheckManualReview;
        await MeasureAsync(options, user, $"status {largeStatus} (large)", new ContractSearch(Statuses: [largeStatus]), ct);
        await MeasureAsync(options, user, $"status {largeStatus}, count up to 10,000", new ContractSearch(Statuses: [largeStatus], CountLimit: 10_000), ct);
        await MeasureAsync(options, user, $"status {smallStatus} (small)", new ContractSearch(Statuses: [smallStatus]), ct);
        await MeasureAsync(options, user, $"status {largeStatus} + partner", new ContractSearch(Statuses: [largeStatus], SalesPartnerId: partner), ct);
        await MeasureAsync(options, user, "no filter", new ContractSearch(), ct);
        await MeasureAsync(options, user, "no filter, count up to 10,000", new ContractSearch(CountLimit: 10_000), ct);
        await MeasureAsync(options, user, "text: contract number prefix", new ContractSearch(Text: "SWS-V00123"), ct);
        await MeasureAsync(options, user, "text: last name prefix", new ContractSearch(Text: "Schmi"), ct);
    }

    private static async Task MeasureAsync(DatabaseOptions options, ICurrentUser user, string label, ContractSearch search, CancellationToken ct)
    {
        var times = new List<double>();
        PagedResult<ContractListItem>? result = null;
        for (var i = 0; i < Warmup + Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var db = i == 0 && Environment.GetEnvironmentVariable("JOULES_BENCH_SQL") == "1"
                ? new SqliteJoulesDbContext(new DbContextOptionsBuilder<SqliteJoulesDbContext>().UseSqlite(options.ConnectionString)
                    .LogTo(Console.WriteLine, [RelationalEventId.CommandExecuted]).Options, user)
                : CoreDatabaseRegistration.Create(options, user);
            result = await new SearchContracts(db).RunAsync(search, ct);
            if (i >= Warmup) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var median = times[times.Count / 2];
        var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   {label,-40} median {median,7:F1} ms   p95 {p95,7:F1} ms   ({result!.Total:N0}{(result.TotalIsLowerBound ? "+" : "")} matches, {result.Items.Count} rows)"));
    }

    private sealed record Seed(Guid BrandA, Guid BrandB, Guid[] TariffsA, Guid[] TariffsB, Guid[] PartnersA, Guid[] PartnersB,
        Dictionary<string, object?> CustomerTemplate, Dictionary<string, object?> ContractTemplate);

    /// <summary>Brands, tariffs and partners through EF, plus one customer and contract whose raw row is the template
    /// (and the proof) of the storage format used by the raw inserts.</summary>
    private static async Task<Seed> SeedMasterDataAsync(DatabaseOptions options, CancellationToken ct)
    {
        await using var db = CoreDatabaseRegistration.Create(options, new SystemUser());
        var a = new Brand("SWS", "Stadtwerke Sonnental");
        var b = new Brand("ALP", "Alpenstrom");
        db.Brands.AddRange(a, b);
        Tariff NewTariff(Brand brand, string code, Commodity commodity) =>
            new(brand.Id, code, $"{brand.Name} {code}", commodity, CustomerType.Household, new TariffTerms(12, 1, 4, 12));
        Tariff[] tariffsA = [NewTariff(a, "S-BASIS", Commodity.Electricity), NewTariff(a, "S-FIX12", Commodity.Electricity), NewTariff(a, "S-OEKO24", Commodity.Electricity), NewTariff(a, "G-BASIS", Commodity.Gas)];
        Tariff[] tariffsB = [NewTariff(b, "A-STROM", Commodity.Electricity), NewTariff(b, "A-GAS", Commodity.Gas)];
        db.Tariffs.AddRange(tariffsA);
        db.Tariffs.AddRange(tariffsB);
        var partnersA = new List<SalesPartner>();
        for (var i = 0; i < 20; i++)
        {
            var parent = i < 4 ? null : partnersA[i % 4];
            partnersA.Add(new SalesPartner(a.Id, $"VP-{1000 + i}", $"Vertriebspartner {i + 1}", parent, SalesChannel.DoorToDoor));
        }
        SalesPartner[] partnersB = [new(b.Id, "AP-100", "Tiroler Energieberatung", null, SalesChannel.Phone)];
        db.SalesPartners.AddRange(partnersA);
        db.SalesPartners.AddRange(partnersB);

        var customer = new Customer(a.Id, "SWS-TEMPLATE", CustomerType.Household,
            new CustomerDetails(Salutation.Ms, "Erika", "Muster", null, new DateOnly(1980, 5, 17), null, null, Address("79100", "Freiburg im Breisgau")));
        var orderedAt = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);
        var contract = new Contract(a.Id, "SWS-TEMPLATE", customer.Id, tariffsA[0],
            new ContractDetails(Address("79100", "Freiburg im Breisgau"), "41373559241", "1ESY1160123456", 3500, new DateOnly(2025, 5, 1)),
            partnersA[0].Id, SalesChannel.DoorToDoor, "bench", at: orderedAt);
        db.AddRange(customer, contract);
        await db.SaveChangesAsync(ct);

        var customerRow = await ReadRowAsync(options, "Customers", customer.Id, ct);
        var contractRow = await ReadRowAsync(options, "Contracts", contract.Id, ct);
        // The raw inserts below rely on these formats; stop if EF stores differently.
        Check(contractRow["Id"], GuidText(contract.Id), "Guid as upper-case TEXT");
        Check(contractRow["OrderedAt"], ToBinary(orderedAt), "DateTimeOffset as long (DateTimeOffsetToBinaryConverter)");
        Check(contractRow["SupplyStart"], "2025-05-01", "DateOnly as yyyy-MM-dd TEXT");
        Check(contractRow["Status"], (long)ContractStatus.Captured, "enum as INTEGER");
        Check(contractRow["WithdrawalInstructionGiven"], 1L, "bool as INTEGER");
        Console.WriteLine($"   storage format checked on an EF row: Id='{contractRow["Id"]}', OrderedAt={contractRow["OrderedAt"]}, SupplyStart='{contractRow["SupplyStart"]}'");
        return new Seed(a.Id, b.Id, [.. tariffsA.Select(t => t.Id)], [.. tariffsB.Select(t => t.Id)],
            [.. partnersA.Select(p => p.Id)], [.. partnersB.Select(p => p.Id)], customerRow, contractRow);
    }

    private static Address Address(string postalCode, string city) => new() { Street = "Hauptstraße", HouseNumber = "1", PostalCode = postalCode, City = city };

    private static readonly Func<DateTimeOffset, long> ToBinaryConverter = new DateTimeOffsetToBinaryConverter().ConvertToProviderTyped;

    private static long ToBinary(DateTimeOffset value) => ToBinaryConverter(value);

    private static string GuidText(Guid id) => id.ToString().ToUpperInvariant();

    private static void Check(object? actual, object expected, string what)
    {
        if (!Equals(actual, expected)) throw new InvalidOperationException($"EF stores {what} differently: expected {expected}, found {actual}.");
    }

    private static async Task<Dictionary<string, object?>> ReadRowAsync(DatabaseOptions options, string table, Guid id, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new SqliteCommand($"SELECT * FROM \"{table}\" WHERE Id = $id", connection);
        command.Parameters.AddWithValue("$id", GuidText(id));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"EF row not found in {table} by upper-case Guid text.");
        var row = new Dictionary<string, object?>();
        for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        return row;
    }

    private static readonly string[] LastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann"];
    private static readonly string[] FirstNames = ["Anna", "Lukas", "Marie", "Paul", "Sophie", "Leon", "Emma", "Finn", "Mia", "Jonas", "Hannah", "Elias", "Lea", "Felix", "Lena"];
    private static readonly (string PostalCode, string City)[] Places = [("79098", "Freiburg im Breisgau"), ("79100", "Freiburg im Breisgau"), ("76131", "Karlsruhe"), ("76133", "Karlsruhe"), ("77652", "Offenburg"), ("77694", "Kehl")];
    private static readonly (string PostalCode, string City)[] PlacesAt = [("6020", "Innsbruck"), ("6060", "Hall in Tirol"), ("6330", "Kufstein")];

    private static async Task InsertContractsAsync(DatabaseOptions options, Seed seed, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var pragma = new SqliteCommand("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;", connection))
            await pragma.ExecuteNonQueryAsync(ct);

        var customers = Insert(connection, "Customers", seed.CustomerTemplate);
        var contracts = Insert(connection, "Contracts", seed.ContractTemplate);
        var statuses = Enum.GetValues<ContractStatus>();
        float[] weights = [4, 2.5f, 1.5f, 1.5f, 1.5f, 2, 2, 1, 1, 2.5f, 1, 3, 2, 1, 2.5f, 2.5f, 1, 48, 4, 4, 3, 8];
        var cumulative = new float[weights.Length];
        for (float sum = 0, i = 0; i < weights.Length; i++) cumulative[(int)i] = sum += weights[(int)i];
        var random = new Random(1_000_000);
        var start = new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var span = (long)(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero) - start).TotalSeconds;

        var transaction = connection.BeginTransaction();
        customers.Transaction = contracts.Transaction = transaction;
        for (var n = 1; n <= Contracts; n++)
        {
            var brandB = n % 10 == 0;
            var brandId = brandB ? seed.BrandB : seed.BrandA;
            var code = brandB ? "ALP" : "SWS";
            var place = brandB ? PlacesAt[random.Next(PlacesAt.Length)] : Places[random.Next(Places.Length)];
            var customerId = Guid.CreateVersion7();
            var lastName = LastNames[random.Next(LastNames.Length)];
            var orderedAt = start.AddSeconds(random.NextInt64(span));
            var roll = random.NextSingle() * cumulative[^1];
            var status = statuses[Array.FindIndex(cumulative, c => roll < c)];
            var tariffs = brandB ? seed.TariffsB : seed.TariffsA;
            var tariff = random.Next(tariffs.Length);
            var commodity = tariff == tariffs.Length - 1 ? Commodity.Gas : Commodity.Electricity;
            var partners = brandB ? seed.PartnersB : seed.PartnersA;
            Guid? partner = random.Next(10) < 8 ? partners[random.Next(partners.Length)] : null;

            Set(customers, "Id", GuidText(customerId));
            Set(customers, "BrandId", GuidText(brandId));
            Set(customers, "CustomerNumber", $"{code}-K{n:D7}");
            Set(customers, "FirstName", FirstNames[random.Next(FirstNames.Length)]);
            Set(customers, "LastName", lastName);
            Set(customers, "CreatedAt", ToBinary(orderedAt));
            Set(customers, "PostalAddress_PostalCode", place.PostalCode);
            Set(customers, "PostalAddress_City", place.City);
            Set(customers, "PostalAddress_Country", brandB ? "AT" : "DE");
            await customers.ExecuteNonQueryAsync(ct);

            var head = commodity == Commodity.Electricity ? random.Next(4, 10) : random.Next(1, 4);
            Set(contracts, "Id", GuidText(Guid.CreateVersion7()));
            Set(contracts, "BrandId", GuidText(brandId));
            Set(contracts, "ContractNumber", $"{code}-V{n:D7}");
            Set(contracts, "CustomerId", GuidText(customerId));
            Set(contracts, "TariffId", GuidText(tariffs[tariff]));
            Set(contracts, "Commodity", (long)commodity);
            Set(contracts, "MaLoId", brandB ? null : MaLoId.Complete(head + random.Next(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture)));
            Set(contracts, "AnnualConsumptionKwh", (long)random.Next(1500, 6000));
            Set(contracts, "OrderedAt", ToBinary(orderedAt));
            Set(contracts, "StatusChangedAt", ToBinary(orderedAt.AddDays(random.Next(0, 60))));
            Set(contracts, "Status", (long)status);
            Set(contracts, "SalesPartnerId", partner is { } p ? GuidText(p) : null);
            Set(contracts, "DeliveryAddress_PostalCode", place.PostalCode);
            Set(contracts, "DeliveryAddress_City", place.City);
            Set(contracts, "DeliveryAddress_Country", brandB ? "AT" : "DE");
            await contracts.ExecuteNonQueryAsync(ct);

            if (n % 100_000 == 0)
            {
                await transaction.CommitAsync(ct);
                await transaction.DisposeAsync();
                transaction = connection.BeginTransaction();
                customers.Transaction = contracts.Transaction = transaction;
            }
        }
        await transaction.CommitAsync(ct);
        await transaction.DisposeAsync();
        await customers.DisposeAsync();
        await contracts.DisposeAsync();
    }

    /// <summary>A prepared INSERT over every column of <paramref name="table"/>, preset with the template row's values.</summary>
    private static SqliteCommand Insert(SqliteConnection connection, string table, Dictionary<string, object?> template)
    {
        var columns = template.Keys.ToList();
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        foreach (var column in columns) command.Parameters.AddWithValue("$" + column, template[column] ?? DBNull.Value);
        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, string column, object? value) => command.Parameters["$" + column].Value = value ?? DBNull.Value;
}
