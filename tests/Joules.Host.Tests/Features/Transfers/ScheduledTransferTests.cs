using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Imports;
using Joules.Core.Domain.Tariffs;
using Joules.Host.Features.Transfers;
using Joules.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Joules.Host.Tests.Features.Transfers;

public class ScheduledTransferTests : IClassFixture<JoulesAppFactory>
{
    private const string Header = "Vertragsnummer;Kundennummer;Kundenart;Nachname;Straße;Hausnummer;PLZ;Ort;Tarif;MaLo-ID;Jahresverbrauch kWh";
    private readonly JoulesAppFactory _app;

    public ScheduledTransferTests(JoulesAppFactory app) => _app = app;

    private async Task<(Guid BrandId, TransferSchedule Schedule)> SetUpAsync(string code, TransferKind kind, string folder)
    {
        var brand = new Brand(code, "Marke " + code);
        var schedule = new TransferSchedule { BrandId = brand.Id, Kind = kind, Name = "Nachtlauf " + code, Folder = folder, Cron = "0 0 2 * * ?" };
        await _app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JoulesDbContext>();
            db.Brands.Add(brand);
            db.Tariffs.Add(new Tariff(brand.Id, "STROM", "Strom", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 12, 4, 12)));
            db.TransferSchedules.Add(schedule);
            await db.SaveChangesAsync();
        });
        return (brand.Id, schedule);
    }

    private static string Line(int n, string postalCode = "79100") =>
        $"V-{n};K-{n};Privat;Muster;Hauptstraße;{n};{postalCode};Sonnental;STROM;{MaLoId.Complete((6000000000L + n).ToString())};3500";

    [Fact]
    public async Task Scheduled_import_moves_good_files_to_processed_and_bad_files_to_failed_with_an_error_list()
    {
        var (brandId, schedule) = await SetUpAsync("IMP", TransferKind.ContractImport, "eingang/vertraege");
        var folder = Directory.CreateDirectory(Path.Combine(_app.DataFolder, "eingang", "vertraege")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "a-gut.csv"), string.Join("\n", Header, Line(1), Line(2)));
        await File.WriteAllTextAsync(Path.Combine(folder, "b-schlecht.csv"), string.Join("\n", Header, Line(3), Line(4, "123")));

        var results = await _app.Services.GetRequiredService<ScheduleRunner>().RunAsync(schedule.Id);

        results.Select(r => r.Status).ShouldBe([TransferStatus.Completed, TransferStatus.Failed]);
        File.Exists(Path.Combine(folder, "processed", "a-gut.csv")).ShouldBeTrue();
        File.Exists(Path.Combine(folder, "failed", "b-schlecht.csv")).ShouldBeTrue();
        Directory.GetFiles(folder, "*.csv").ShouldBeEmpty();
        var errors = await File.ReadAllTextAsync(Path.Combine(folder, "failed", "b-schlecht.csv.errors.txt"));
        errors.ShouldContain("Zeile 3, PLZ: Postleitzahl „123“ ist ungültig");

        await _app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JoulesDbContext>();
            (await db.Contracts.Where(c => c.BrandId == brandId).Select(c => c.ContractNumber).OrderBy(n => n).ToListAsync()).ShouldBe(["V-1", "V-2"]);
            var runs = await db.TransferRuns.Where(r => r.BrandId == brandId).OrderBy(r => r.FileName).ToListAsync();
            runs.Select(r => (r.FileName, r.Status, r.TriggeredBy)).ShouldBe(
                [("a-gut.csv", TransferStatus.Completed, "schedule:Nachtlauf IMP"), ("b-schlecht.csv", TransferStatus.Failed, "schedule:Nachtlauf IMP")]);
            (await db.TransferSchedules.SingleAsync(s => s.Id == schedule.Id)).LastRunAt.ShouldNotBeNull();
        });
    }

    [Fact]
    public async Task Scheduled_export_writes_a_timestamped_file_into_its_folder()
    {
        var (_, schedule) = await SetUpAsync("EXP", TransferKind.ContractExport, "ausgang");

        var result = (await _app.Services.GetRequiredService<ScheduleRunner>().RunAsync(schedule.Id)).ShouldHaveSingleItem();

        result.Status.ShouldBe(TransferStatus.Completed);
        var file = Directory.GetFiles(Path.Combine(_app.DataFolder, "ausgang"), "vertraege-*.csv").ShouldHaveSingleItem();
        (await File.ReadAllTextAsync(file)).ShouldStartWith("Vertragsnummer;Kundennummer;");
    }

    [Fact]
    public async Task Saved_schedules_are_registered_as_Quartz_jobs_with_a_cron_trigger()
    {
        var (_, schedule) = await SetUpAsync("QTZ", TransferKind.ContractImport, "eingang/qtz");

        await _app.Services.GetRequiredService<ScheduleRegistrar>().RebuildAsync();

        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await scheduler.Exists(ScheduleRegistrar.KeyOf(schedule.Id))).ShouldBeTrue();
        var trigger = (await scheduler.GetTriggersOfJob(ScheduleRegistrar.KeyOf(schedule.Id))).ShouldHaveSingleItem();
        trigger.ShouldBeAssignableTo<ICronTrigger>()!.CronExpressionString.ShouldBe("0 0 2 * * ?");
        ScheduleRegistrar.IsValidCron("0 0 2 * * ?").ShouldBeTrue();
        ScheduleRegistrar.IsValidCron("jeden Tag").ShouldBeFalse();
    }
}
