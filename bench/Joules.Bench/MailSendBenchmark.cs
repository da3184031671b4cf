using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Mail;
using MimeKit;

namespace Joules.Bench;

/// <summary>10,000 prebuilt mails through the pooled SMTP transport (4 connections) to a local sink: first the development
/// mailbox's SMTP server (SmtpServer package), then a null sink that only answers, to tell the client's share from the
/// server's (both run in this process on the same cores).</summary>
public sealed class MailSendBenchmark : IBenchmark
{
    private const int Mails = 10_000;
    private const int Connections = 4;

    public string Name => "mail-send";
    public string Description => $"{Mails:N0} mails over {Connections} pooled SMTP connections to a local sink (SmtpServer, then a null sink)";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var messages = Enumerable.Range(0, Mails).Select(Build).ToArray();
        await using (var sink = await SmtpServerSink.StartAsync(ct))
            await SendAsync("SmtpServer sink", sink.Port, () => sink.Received, messages, ct);
        await using (var sink = new NullSmtpSink())
            await SendAsync("null sink", sink.Port, () => sink.Received, messages, ct);
    }

    private static async Task SendAsync(string sinkName, int port, Func<int> received, MimeMessage[] messages, CancellationToken ct)
    {
        var endpoint = new SmtpEndpoint("127.0.0.1", port, SmtpTlsMode.None, null, null, "bench@joules.local", "Joules Bench", Connections);
        await using var transport = new SmtpMailTransport(new FixedEndpoint(endpoint), TimeProvider.System);

        // Warm-up: open the pool's connections and JIT the path.
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(i => transport.SendAsync(Build(-i - 1), null, ct)));
        var before = received();

        var meter = new CpuMeter();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages.Length) await transport.SendAsync(messages[i], null, ct);
        }));
        var wall = meter.Wall;

        var delivered = received() - before;
        Console.WriteLine($"   {sinkName}: {delivered:N0} mails in {wall.TotalSeconds:F2} s = {delivered / wall.TotalSeconds:N0} mails/s ({Connections} connections); {meter.Report(delivered)}");
    }

    private static MimeMessage Build(int i)
    {
        var m = new MimeMessage();
        m.To.Add(new MailboxAddress($"Kunde {i}", $"kunde{i}@example.test"));
        m.Subject = $"Ihre Vertragsbestätigung Nr. {i}";
        m.Body = new BodyBuilder
        {
            TextBody = $"Guten Tag,\n\nIhr Stromvertrag Nr. {i} ist bestätigt. Lieferbeginn ist der 01.01.2027.\n\nIhre Stadtwerke",
            HtmlBody = $"<p>Guten Tag,</p><p>Ihr Stromvertrag Nr. <b>{i}</b> ist bestätigt. Lieferbeginn ist der 01.01.2027.</p><p>Ihre Stadtwerke</p>",
        }.ToMessageBody();
        return m;
    }
}

/// <summary>Every brand sends through the same endpoint.</summary>
internal sealed class FixedEndpoint(SmtpEndpoint endpoint) : ISmtpEndpointSource
{
    public ValueTask<SmtpEndpoint?> ResolveAsync(Guid? brandId, CancellationToken ct = default) => ValueTask.FromResult<SmtpEndpoint?>(endpoint);
    public void Invalidate(Guid brandId) { }
}
