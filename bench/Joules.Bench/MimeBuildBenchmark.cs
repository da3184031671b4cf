using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;

namespace Joules.Bench;

/// <summary>The outbox's per-message MIME work alone: 20,000 outbox rows of the status-change mail turned into MIME messages
/// (<see cref="MailChannelSender.BuildMimeMessage"/>), then the same built and serialised as SMTP would.</summary>
public sealed class MimeBuildBenchmark : IBenchmark
{
    private const int Messages = 20_000;

    public string Name => "mime-build";
    public string Description => $"{Messages:N0} outbox rows built into MIME messages (and serialised), single thread";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var html = string.Concat(Enumerable.Repeat("<p>Guten Tag Kunde, Ihr Vertrag V-0000001 hat jetzt den Status „Bonitätsprüfung läuft“.</p>", 12));
        var text = string.Concat(Enumerable.Repeat("Guten Tag Kunde, Ihr Vertrag V-0000001 hat jetzt den Status „Bonitätsprüfung läuft“.\n", 12));
        var rows = Enumerable.Range(0, Messages).Select(i => OutboxMessage.Create(MessageChannel.Mail, null, $"bench:{i}", $"kunde{i}@example.test",
            $"Ihr Vertrag V-{i:D7}: Bonitätsprüfung läuft", html, text, DateTimeOffset.UtcNow)).ToArray();
        for (var i = 0; i < 2_000; i++) MailChannelSender.BuildMimeMessage(rows[i]); // JIT and tiering

        var meter = new CpuMeter();
        foreach (var row in rows) MailChannelSender.BuildMimeMessage(row);
        Console.WriteLine($"   built {Messages:N0} in {meter.Wall.TotalSeconds:F2} s = {meter.Wall.TotalMicroseconds / Messages:N1} µs each; {meter.Report(Messages)}");

        meter = new CpuMeter();
        using var sink = new MemoryStream();
        foreach (var row in rows)
        {
            sink.SetLength(0);
            await MailChannelSender.BuildMimeMessage(row).WriteToAsync(sink, ct);
        }
        Console.WriteLine($"   built and serialised {Messages:N0} in {meter.Wall.TotalSeconds:F2} s = {meter.Wall.TotalMicroseconds / Messages:N1} µs each; {meter.Report(Messages)}");
    }
}
