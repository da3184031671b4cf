using System.Diagnostics;
using System.Text;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Tenancy;
using Joules.Core.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Joules.Bench;

/// <summary>Imports a generated 100,000-line contract CSV into a fresh SQLite file.</summary>
public sealed class ImportBenchmark : IBenchmark
{
    private const int Rows = 100_000;

    public string Name => "import";
    public string Description => $"contract CSV import, {Rows:N0} lines, SQLite";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var file = Path.Combine(workFolder, "vertraege.csv");
        var watch = Stopwatch.StartNew();
        await File.WriteAllTextAsync(file, Generate(Rows), new UTF8Encoding(true), ct);
        Console.WriteLine($"   generated {new FileInfo(file).Length / 1024 / 1024.0:F1} MB in {watch.Elapsed.TotalSeconds:F2} s");

        watch.Restart();
        var records = 0;
        using (var text = new StreamReader(file))
        {
            var reader = new CsvReader(text);
            while (reader.TryRead(out _, out _)) records++;
        }
        Console.WriteLine($"   CSV parsing alone: {records:N0} records in {watch.Elapsed.TotalSeconds:F2} s");

        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(workFolder, "bench.db")}" };
        Guid brandId;
        await using (var db = CoreDatabaseRegistration.Create(options, new SystemUser("bench")))
        {
            await db.Database.MigrateAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            var brand = new Brand("BENCH", "Bench-Stadtwerke");
            db.Brands.Add(brand);
            brandId = brand.Id;
            for (var i = 0; i < 5; i++)
                db.Tariffs.Add(new Tariff(brandId, $"T-{i}", $"Tarif {i}", i % 2 == 0 ? Commodity.Electricity : Commodity.Gas, CustomerType.Household, new TariffTerms(12, 12, 4, 12)));
            for (var i = 0; i < 20; i++)
                db.SalesPartners.Add(new SalesPartner(brandId, $"P-{i}", $"Partner {i}", null, SalesChannel.DoorToDoor));
            await db.SaveChangesAsync(ct);
        }

        await using (var db = CoreDatabaseRegistration.Create(options, new SystemUser("bench", brandId)))
        {
            // Warm-up on a small file (as a running server has done before) so JIT tiering and model building are not measured.
            await using (var warm = new MemoryStream(Encoding.UTF8.GetBytes(Generate(5_000, "W-"))))
                (await new ImportContracts(db).RunAsync(warm, "warmup.csv", ct: ct)).Succeeded.ShouldBeTrue();
        }

        await using (var db = CoreDatabaseRegistration.Create(options, new SystemUser("bench", brandId)))
        {
            var readSeconds = 0.0;
            var insertedSeconds = 0.0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
            var progress = new SyncProgress(p =>
            {
                if (p.Phase == TransferPhase.Writing && readSeconds == 0) readSeconds = watch.Elapsed.TotalSeconds;
                if (p.Phase == TransferPhase.Writing && p.Fraction >= 1) insertedSeconds = watch.Elapsed.TotalSeconds;
            });
            await using var stream = File.OpenRead(file);
            var result = await new ImportContracts(db).RunAsync(stream, "vertraege.csv", progress, ct: ct);
            var total = watch.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            if (!result.Succeeded) throw new InvalidOperationException($"import failed: {result.Errors[0]}");
            Console.WriteLine($"   imported {result.RowsWritten:N0} contracts in {total:F2} s = {result.RowsWritten / total:N0} rows/s");
            Console.WriteLine($"   parse + validate {readSeconds:F2} s, write {total - readSeconds:F2} s (inserts {insertedSeconds - readSeconds:F2} s, run row + commit {total - insertedSeconds:F2} s)");
            Console.WriteLine($"   wall clock figures; CPU time of the process {cpuSeconds:F2} s; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
            Console.WriteLine($"   rows in database: {await db.Contracts.CountAsync(ct):N0} contracts, {await db.Customers.CountAsync(ct):N0} customers, {await db.ContractStatusEvents.CountAsync(ct):N0} history rows");
        }
    }

    /// <summary>A valid file; every 4th customer has two contracts. Deterministic (no randomness).</summary>
    private static string Generate(int rows, string prefix = "V-")
    {
        var sb = new StringBuilder(rows * 260);
        sb.Append("Vertragsnummer;Kundennummer;Kundenart;Anrede;Vorname;Nachname;Firma;Geburtsdatum;E-Mail;Telefon;Straße;Hausnummer;PLZ;Ort;Land;Tarif;MaLo-ID;Zählernummer;Jahresverbrauch kWh;Lieferbeginn;Vertriebspartner;Vertriebskanal;Auftragsdatum\r\n");
        string[] first = ["Anna", "Jonas", "Lea", "Paul", "Marie", "Felix", "Emma", "Lukas"];
        string[] last = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann"];
        string[] streets = ["Hauptstraße", "Bahnhofstraße", "Gartenweg", "Am Markt", "Schillerstraße"];
        for (var i = 0; i < rows; i++)
        {
            var customer = i % 4 == 3 ? i - 1 : i;
            var business = customer % 10 == 0;
            sb.Append(prefix).Append(i).Append(';')
              .Append(prefix).Append("K").Append(customer).Append(';')
              .Append(business ? "Gewerbe;Firma;;" : customer % 2 == 0 ? "Privat;Frau;" + first[customer % 8] + ";" : "Privat;Herr;" + first[customer % 8] + ";")
              .Append(last[customer % 10]).Append(';')
              .Append(business ? $"\"{last[customer % 10]} & Söhne; Handel\"" : "").Append(';')
              .Append(business ? "" : $"{1 + customer % 28:00}.{1 + customer % 12:00}.{1950 + customer % 50}").Append(';')
              .Append(prefix.ToLowerInvariant()).Append("kunde").Append(customer).Append("@example.de;")
              .Append("0761 ").Append(100000 + customer).Append(';')
              .Append(streets[i % 5]).Append(';').Append(1 + i % 200).Append(';')
              .Append(10000 + i % 89999).Append(";Sonnental;DE;T-").Append(i % 5).Append(';')
              .Append(MaLoId.Complete((1000000000L + i).ToString())).Append(";1ESY").Append(i).Append(';')
              .Append(1500 + i % 5000).Append(",5;")
              .Append($"01.{1 + i % 12:00}.2027;")
              .Append(i % 3 == 0 ? "" : "P-" + i % 20).Append(';')
              .Append(i % 3 == 0 ? "Online" : "").Append(';')
              .Append($"2026-{1 + i % 11:00}-{1 + i % 28:00}").Append("\r\n");
        }
        return sb.ToString();
    }

    /// <summary>Progress reported on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }
}

internal static class BenchAssert
{
    public static void ShouldBeTrue(this bool value)
    {
        if (!value) throw new InvalidOperationException("warm-up import failed");
    }
}
