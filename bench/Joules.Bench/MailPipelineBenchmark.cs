using System.Buffers;
using System.Diagnostics;
using System.Net;
using Joules.Core;
using Joules.Core.Data;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Messaging;
using Joules.Core.Events;
using Joules.Core.Messaging;
using Joules.Core.Messaging.Mail;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Messaging.Templates;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

using Joules.Host.Features.SentMail;
namespace Joules.Bench;

/// <summary>The whole mail path: 10,000 status-change mails rendered from the built-in Liquid template (sandboxed
/// renderer), queued in the outbox (SQLite), then sent by the outbox sender through the pooled SMTP transport
/// (4 connections) to a local SMTP sink. The issue's figure is "from outbox to sink".</summary>
public sealed class MailPipelineBenchmark : IBenchmark
{
    private const int Mails = 10_000;
    private const int Connections = 4;

    public string Name => "mail-pipeline";
    public string Description => $"{Mails:N0} templated mails: render, queue in the outbox, send over {Connections} SMTP connections to a local sink";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var received = 0;
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new NoDelayListenerFactory();
        listeners.Started += port => started.TrySetResult(port);
        var sinkServices = new SmtpServer.ComponentModel.ServiceProvider();
        sinkServices.Add(listeners);
        sinkServices.Add(new CountingStore(() => Interlocked.Increment(ref received)));
        var sink = new SmtpServer.SmtpServer(new SmtpServerOptionsBuilder().ServerName("bench.local")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0))).Build(), sinkServices);
        var running = sink.StartAsync(ct);
        var port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);

        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(workFolder, "bench.db")}" };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJoulesCore(options);
        var endpoint = new SmtpEndpoint("127.0.0.1", port, SmtpTlsMode.None, null, null, "bench@joules.local", "Joules Bench", Connections);
        var transport = new SmtpMailTransport(new Fixed(endpoint), TimeProvider.System);
        services.AddSingleton<IMailTransport>(transport);
        await using var provider = services.BuildServiceProvider();
        await using (var db = CoreDatabaseRegistration.Create(options, new SystemUser("bench")))
            await db.Database.MigrateAsync(ct);
        var sender = provider.GetRequiredService<OutboxSender>();

        await QueueAsync(options, "warm", 200, ct);
        await sender.SendPendingAsync(ct);
        var before = Volatile.Read(ref received);

        var watch = Stopwatch.StartNew();
        await QueueAsync(options, "run", Mails, ct);
        var queued = watch.Elapsed;
        watch.Restart();
        var sent = await sender.SendPendingAsync(ct);
        var sending = watch.Elapsed;
        var delivered = Volatile.Read(ref received) - before;

        Console.WriteLine($"   rendered and queued {Mails:N0} in {queued.TotalSeconds:F2} s ({Mails / queued.TotalSeconds:N0}/s)");
        Console.WriteLine($"   outbox to sink: {sent:N0} sent, {delivered:N0} received in {sending.TotalSeconds:F2} s = {delivered / sending.TotalSeconds:N0} mails/s (target >= 3,000/s)");
        await transport.DisposeAsync();
        sink.Shutdown();
        await running.WaitAsync(TimeSpan.FromSeconds(10), ct).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task QueueAsync(DatabaseOptions options, string prefix, int count, CancellationToken ct)
    {
        var renderer = new TemplateRenderer();
        var template = new MessageTemplateKeys().Keys.Single(k => k.Key == MessageTemplateKeys.ContractStatusChanged).Defaults["de"];
        await using var db = CoreDatabaseRegistration.Create(options, new SystemUser("bench"));
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < count; i++)
        {
            var change = new ContractStatusChanged(Guid.NewGuid(), null, $"V-{i:D7}", ContractStatus.Captured, ContractStatus.CreditCheckPending, "bench", null, null);
            var model = MessageTemplateKeys.ModelFor(change);
            model["customer.name"] = $"Kunde {i}";
            model["brand.name"] = "Stadtwerke Sonnental";
            var rendered = await renderer.RenderAsync(template.Subject, template.Html, template.Text, model, "de", ct);
            await db.QueueMailAsync(null, $"{prefix}:{i}", $"kunde{i}@example.test", rendered.Subject, rendered.Html, rendered.Text, ct: ct);
        }
        await db.SaveChangesAsync(ct);
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
