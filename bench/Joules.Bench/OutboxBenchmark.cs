using Joules.Core;
using Joules.Core.Data.Providers;
using Joules.Core.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Joules.Bench;

/// <summary>Sends 10,000 queued mails through the outbox sender into a transport that only serialises the MIME message:
/// the outbox's own cost (claiming, building MIME, marking sent) without SMTP.</summary>
public sealed class OutboxBenchmark : IBenchmark
{
    private const int Messages = 10_000;

    public string Name => "outbox";
    public string Description => $"outbox sender, {Messages:N0} mails into a serialising transport, SQLite (WAL, as the host)";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var options = await BenchDatabase.CreateAsync(workFolder, ct);
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            // JOULES_BENCH_SQL=1 prints the sender's SQL with its durations.
            if (Environment.GetEnvironmentVariable("JOULES_BENCH_SQL") == "1")
                b.AddSimpleConsole().AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
        });
        services.AddJoulesCore(options);
        var transport = new SerialisingTransport();
        services.AddSingleton<IMailTransport>(transport);
        await using var provider = services.BuildServiceProvider();

        await QueueAsync(options, "warm", 500, ct);
        var sender = provider.GetRequiredService<OutboxSender>();
        await sender.SendPendingAsync(ct);

        var meter = new CpuMeter();
        await QueueAsync(options, "run", Messages, ct);
        Console.WriteLine($"   queued {Messages:N0} in {meter.Wall.TotalSeconds:F2} s ({Messages / meter.Wall.TotalSeconds:N0}/s); {meter.Report(Messages)}");
        meter = new CpuMeter();
        var sent = await sender.SendPendingAsync(ct);
        var seconds = meter.Wall.TotalSeconds;
        Console.WriteLine($"   sent {sent:N0} in {seconds:F2} s = {sent / seconds:N0} mails/s ({transport.Bytes / 1024 / 1024.0:F1} MB MIME); {meter.Report(sent)}");
    }

    private static async Task QueueAsync(DatabaseOptions options, string prefix, int count, CancellationToken ct)
    {
        await using var db = CoreDatabaseRegistration.Create(options, new SystemUser("bench"));
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < count; i++)
            await db.QueueMailAsync(null, $"{prefix}:{i}", $"kunde{i}@example.de", $"Ihre Auftragsbestätigung {i}",
                $"<p>Hallo Kunde {i},</p><p>vielen Dank für Ihren Auftrag.</p>", $"Hallo Kunde {i},\n\nvielen Dank für Ihren Auftrag.", ct: ct);
        await db.SaveChangesAsync(ct);
    }

    private sealed class SerialisingTransport : IMailTransport
    {
        private long _bytes;
        public long Bytes => Interlocked.Read(ref _bytes);

        public async Task SendAsync(MimeMessage message, Guid? brandId, CancellationToken ct = default)
        {
            await using var stream = new MemoryStream();
            await message.WriteToAsync(stream, ct);
            Interlocked.Add(ref _bytes, stream.Length);
        }
    }
}
