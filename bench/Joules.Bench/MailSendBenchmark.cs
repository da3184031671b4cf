using System.Buffers;
using System.Diagnostics;
using System.Net;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Mail;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

using Joules.Host.Features.SentMail;
namespace Joules.Bench;

/// <summary>10,000 prebuilt mails through the pooled SMTP transport (4 connections) to a local SmtpServer sink.</summary>
public sealed class MailSendBenchmark : IBenchmark
{
    private const int Mails = 10_000;
    private const int Connections = 4;

    public string Name => "mail-send";
    public string Description => $"{Mails:N0} mails over {Connections} pooled SMTP connections to a local sink";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var received = 0;
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new NoDelayListenerFactory();
        listeners.Started += port => started.TrySetResult(port);
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new CountingStore(() => Interlocked.Increment(ref received)));
        var server = new SmtpServer.SmtpServer(new SmtpServerOptionsBuilder().ServerName("bench.local")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0))).Build(), services);
        var running = server.StartAsync(ct);
        var port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);

        var endpoint = new SmtpEndpoint("127.0.0.1", port, SmtpTlsMode.None, null, null, "bench@joules.local", "Joules Bench", Connections);
        await using var transport = new SmtpMailTransport(new Fixed(endpoint), TimeProvider.System);
        var messages = Enumerable.Range(0, Mails).Select(Build).ToArray();

        // Warm-up: open the pool's connections and JIT the path.
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(i => transport.SendAsync(Build(-i - 1), null, ct)));
        var before = Volatile.Read(ref received);

        var watch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Mails) await transport.SendAsync(messages[i], null, ct);
        }));
        watch.Stop();

        var delivered = Volatile.Read(ref received) - before;
        Console.WriteLine($"   {delivered:N0} mails in {watch.Elapsed.TotalSeconds:F2} s = {delivered / watch.Elapsed.TotalSeconds:N0} mails/s ({Connections} connections)");
        server.Shutdown();
        await server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(10), ct);
        await running.WaitAsync(TimeSpan.FromSeconds(10), ct).ContinueWith(_ => { }, TaskScheduler.Default);
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

    private sealed class Fixed(SmtpEndpoint endpoint) : ISmtpEndpointSource
    {
        public ValueTask<SmtpEndpoint?> ResolveAsync(Guid? brandId, CancellationToken ct = default) => ValueTask.FromResult<SmtpEndpoint?>(endpoint);
        public void Invalidate(Guid brandId) { }
    }

    private sealed class CountingStore(Action onMessage) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            onMessage();
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
