using System.Diagnostics;
using Joules.Core;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Messaging;
using Joules.Core.Events;
using Joules.Core.Messaging;
using Joules.Core.Messaging.Mail;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Messaging.Templates;
using Joules.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Bench;

/// <summary>The whole mail path: 10,000 status-change mails rendered from the built-in Liquid template (sandboxed
/// renderer), queued in the outbox (SQLite, WAL as the host), then sent by the outbox sender through the pooled SMTP
/// transport (4 connections) to a local SMTP sink. The figure is "from outbox to sink". Run twice: to the
/// development mailbox's SMTP server (SmtpServer package), then to a null sink that only answers (both sinks run in this
/// process and share the cores with the sender).</summary>
public sealed class MailPipelineBenchmark : IBenchmark
{
    private const int Mails = 10_000;
    private const int Connections = 4;
    // A singleton in the host, so its parse cache lives across messages.
    private static readonly TemplateRenderer Renderer = new();

    public string Name => "mail-pipeline";
    public string Description => $"{Mails:N0} templated mails: render, queue in the outbox, send over {Connections} SMTP connections to a local sink (SmtpServer, then a null sink)";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        await using var smtpServer = await SmtpServerSink.StartAsync(ct);
        await using var nullSink = new NullSmtpSink();

        var options = await BenchDatabase.CreateAsync(workFolder, ct);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJoulesCore(options);
        var endpoints = new SwitchableEndpoint(Endpoint(smtpServer.Port));
        var transport = new SmtpMailTransport(endpoints, TimeProvider.System);
        services.AddSingleton<IMailTransport>(transport);
        await using var provider = services.BuildServiceProvider();
        var sender = provider.GetRequiredService<OutboxSender>();

        await QueueAsync(options, "warm", 200, ct);
        await sender.SendPendingAsync(ct);

        await RunOnceAsync("SmtpServer sink", options, sender, () => smtpServer.Received, ct);
        endpoints.Endpoint = Endpoint(nullSink.Port);
        await QueueAsync(options, "warm-null", 200, ct);
        await sender.SendPendingAsync(ct);
        await RunOnceAsync("null sink", options, sender, () => nullSink.Received, ct);
        await transport.DisposeAsync();
    }

    private static SmtpEndpoint Endpoint(int port) =>
        new("127.0.0.1", port, SmtpTlsMode.None, null, null, "bench@joules.local", "Joules Bench", Connections);

    private static async Task RunOnceAsync(string sinkName, DatabaseOptions options, OutboxSender sender, Func<int> received, CancellationToken ct)
    {
        var before = received();
        var meter = new CpuMeter();
        var (render, save) = await QueueAsync(options, sinkName, Mails, ct);
        var queued = meter.Wall;
        Console.WriteLine($"   rendered and queued {Mails:N0} in {queued.TotalSeconds:F2} s ({Mails / queued.TotalSeconds:N0}/s: render {render.TotalSeconds:F2} s, "
            + $"queue {(queued - render - save).TotalSeconds:F2} s, save {save.TotalSeconds:F2} s); {meter.Report(Mails)}");
        meter = new CpuMeter();
        var sent = await sender.SendPendingAsync(ct);
        var sending = meter.Wall;
        var delivered = received() - before;
        Console.WriteLine($"   {sinkName}: outbox to sink {sent:N0} sent, {delivered:N0} received in {sending.TotalSeconds:F2} s = {delivered / sending.TotalSeconds:N0} mails/s "
            + $"(target >= 3,000/s); {meter.Report(delivered)}");
    }

    private static async Task<(TimeSpan Render, TimeSpan Save)> QueueAsync(DatabaseOptions options, string prefix, int count, CancellationToken ct)
    {
        var template = new MessageTemplateKeys().Keys.Single(k => k.Key == MessageTemplateKeys.ContractStatusChanged).Defaults["de"];
        var render = new Stopwatch();
        await using var db = CoreDatabaseRegistration.Create(options, new SystemUser("bench"));
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < count; i++)
        {
            var change = new ContractStatusChanged(Guid.NewGuid(), null, $"V-{i:D7}", ContractStatus.Captured, ContractStatus.CreditCheckPending, "bench", null, null);
            render.Start();
            var model = MessageTemplateKeys.ModelFor(change);
            model["customer.name"] = $"Kunde {i}";
            model["brand.name"] = "Stadtwerke Sonnental";
            var rendered = await Renderer.RenderAsync(template.Subject, template.Html, template.Text, model, "de", ct);
            render.Stop();
            await db.QueueMailAsync(null, $"{prefix}:{i}", $"kunde{i}@example.test", rendered.Subject, rendered.Html, rendered.Text, ct: ct);
        }
        var save = Stopwatch.StartNew();
        await db.SaveChangesAsync(ct);
        return (render.Elapsed, save.Elapsed);
    }

    private sealed class SwitchableEndpoint(SmtpEndpoint endpoint) : ISmtpEndpointSource
    {
        public SmtpEndpoint Endpoint { get; set; } = endpoint;
        public ValueTask<SmtpEndpoint?> ResolveAsync(Guid? brandId, CancellationToken ct = default) => ValueTask.FromResult<SmtpEndpoint?>(Endpoint);
        public void Invalidate(Guid brandId) { }
    }
}
