using System.Buffers;
using System.Net;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Mail;
using Joules.Core.Tenancy;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Joules.Host.Features.SentMail;

/// <summary>The built-in local SMTP sink: when no SMTP server is configured for the host, it listens on 127.0.0.1
/// (<c>Joules:Mail:DevelopmentMailbox:Port</c>, 0 = a free port) and keeps every received message as a
/// <see cref="CapturedMail"/> for the "Sent mail" page.</summary>
internal sealed class DevelopmentMailbox(IOptions<MailOptions> options, DevelopmentMailboxEndpoint endpoint, DatabaseOptions database,
    TimeProvider time, ILogger<DevelopmentMailbox> log) : IHostedService
{
    private readonly ILogger _log = log;
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.DevelopmentMailbox.Enabled || !string.IsNullOrWhiteSpace(o.Smtp.Host)) return;
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new NoDelayListenerFactory();
        listeners.Started += port => started.TrySetResult(port);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(new SmtpServerOptionsBuilder().ServerName("joules-mailbox.local")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, o.DevelopmentMailbox.Port))).Build(), services);
        _running = _server.StartAsync(CancellationToken.None);
        var done = await Task.WhenAny(started.Task, _running, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
        if (done != started.Task)
        {
            _log.LogWarning(_running.Exception, "The development mailbox could not listen on 127.0.0.1:{Port}", o.DevelopmentMailbox.Port);
            return;
        }
        endpoint.Port = started.Task.Result;
        _log.LogInformation("No SMTP server configured: mail goes to the development mailbox on 127.0.0.1:{Port} (page /admin/sent-mail)", endpoint.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        endpoint.Port = null;
        if (_server is null) return;
        _server.Shutdown();
        try { await _server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken); }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException) { }
        _server = null;
    }

    private async Task SaveAsync(byte[] mime, CancellationToken ct)
    {
        using var stream = new MemoryStream(mime, writable: false);
        var message = await MimeMessage.LoadAsync(stream, ct);
        var mail = CapturedMail.Create(Shorten(message.From.ToString(), 320), Shorten(string.Join(", ", message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address)), 2000),
            Shorten(message.Subject ?? "", 998), mime, time.GetUtcNow());
        await using var db = CoreDatabaseRegistration.Create(database, new SystemUser("mailbox"));
        db.CapturedMails.Add(mail);
        await db.SaveChangesAsync(ct);
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max];

    private sealed class Store(DevelopmentMailbox mailbox) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            try
            {
                await mailbox.SaveAsync(buffer.ToArray(), cancellationToken);
                return SmtpResponse.Ok;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                mailbox._log.LogError(ex, "The development mailbox could not store a message");
                return SmtpResponse.TransactionFailed;
            }
        }
    }
}
