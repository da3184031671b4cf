using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

using Joules.Host.Features.SentMail;
namespace Joules.Core.Tests.Infrastructure;

/// <summary>A real SMTP server on 127.0.0.1 (the SmtpServer package) that keeps every received message as raw MIME and counts
/// sessions. Can be stopped and started again on the same port; recipients matching <see cref="RefuseRecipient"/> get 550.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public ConcurrentQueue<byte[]> Messages { get; } = new();
    public int Port { get; private set; }
    private int _sessions;
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Recipients for which this returns true are refused with 550.</summary>
    public Func<string, bool> RefuseRecipient { get; set; } = _ => false;

    public static async Task<SmtpSink> StartAsync(int port = 0)
    {
        var sink = new SmtpSink();
        await sink.StartOnAsync(port);
        return sink;
    }

    /// <summary>Starts again on the previous port after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync() => StartOnAsync(Port);

    private async Task StartOnAsync(int port)
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new NoDelayListenerFactory();
        listeners.Started += port => started.TrySetResult(port);
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        services.Add(new Filter(this));
        var options = new SmtpServerOptionsBuilder().ServerName("sink.test")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = _server.StartAsync(CancellationToken.None);
        var done = await Task.WhenAny(started.Task, _running, Task.Delay(TimeSpan.FromSeconds(10)));
        if (done != started.Task) throw new InvalidOperationException("SMTP sink did not start.", _running.Exception);
        Port = started.Task.Result;
    }

    public async Task StopAsync()
    {
        if (_server is null) return;
        _server.Shutdown();
        try { await _server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { }
        if (_running is not null) try { await _running.WaitAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { }
        _server = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            sink.Messages.Enqueue(buffer.ToArray());
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(SmtpSink sink) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!sink.RefuseRecipient(to.AsAddress()));
    }
}
