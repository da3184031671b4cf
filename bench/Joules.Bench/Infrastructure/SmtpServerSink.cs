using System.Buffers;
using System.Net;
using Joules.Host.Features.SentMail;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Joules.Bench;

/// <summary>The development mailbox's SMTP server (SmtpServer package, NoDelay listener) with a store that only counts.</summary>
internal sealed class SmtpServerSink : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private int _received;

    private SmtpServerSink(SmtpServer.SmtpServer server, Task running, int port)
    {
        _server = server;
        _running = running;
        Port = port;
    }

    public int Port { get; }
    public int Received => Volatile.Read(ref _received);

    public static async Task<SmtpServerSink> StartAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new NoDelayListenerFactory();
        listeners.Started += port => started.TrySetResult(port);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        SmtpServerSink? sink = null;
        services.Add(new CountingStore(() => Interlocked.Increment(ref sink!._received)));
        var server = new SmtpServer.SmtpServer(new SmtpServerOptionsBuilder().ServerName("bench.local")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0))).Build(), services);
        var running = server.StartAsync(ct);
        var port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        sink = new SmtpServerSink(server, running, port);
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _running.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
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
