using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using Joules.Host.Features.SentMail;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Joules.Plugins.Newsletter.Tests.Sending.Infrastructure;

/// <summary>A real SMTP server on 127.0.0.1 (the SmtpServer package) that keeps every message as raw MIME. Recipients
/// matching <see cref="RefuseRecipient"/> get 550; with <see cref="HoldAfter"/> set, messages after that many wait at the
/// end of DATA (before the 250) until <see cref="Release"/>.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private SmtpServer.SmtpServer? _server;
    private Task? _running;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public ConcurrentQueue<byte[]> Raw { get; } = new();
    public int Port { get; private set; }
    public Func<string, bool> RefuseRecipient { get; set; } = _ => false;
    public int? HoldAfter { get; set; }
    /// <summary>Messages that reached the end of DATA (held ones included).</summary>
    public int Arrived => Volatile.Read(ref _arrived);
    public int Count => Raw.Count;

    public void Release() => _released.TrySetResult();

    /// <summary>Waits until <paramref name="count"/> messages have arrived (fails after a minute rather than hanging).</summary>
    public async Task WaitForArrivedAsync(int count)
    {
        for (var i = 0; i < 3000 && Arrived < count; i++) await Task.Delay(20);
        if (Arrived < count) throw new TimeoutException($"Only {Arrived} of {count} messages arrived.");
    }

    public IReadOnlyList<MimeMessage> Messages() => Raw.Select(b => MimeMessage.Load(new MemoryStream(b))).ToList();

    public static async Task<SmtpSink> StartAsync()
    {
        var sink = new SmtpSink();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new NoDelayListenerFactory();
        listeners.Started += port => started.TrySetResult(port);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(sink));
        services.Add(new Filter(sink));
        var options = new SmtpServerOptionsBuilder().ServerName("sink.test").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0))).Build();
        sink._server = new SmtpServer.SmtpServer(options, services);
        sink._running = sink._server.StartAsync(CancellationToken.None);
        var done = await Task.WhenAny(started.Task, sink._running, Task.Delay(TimeSpan.FromSeconds(10)));
        if (done != started.Task) throw new InvalidOperationException("SMTP sink did not start.", sink._running.Exception);
        sink.Port = started.Task.Result;
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        if (_server is null) return;
        _server.Shutdown();
        try { await _server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { }
        if (_running is not null) try { await _running.WaitAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { }
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var bytes = buffer.ToArray();
            var number = Interlocked.Increment(ref sink._arrived);
            if (sink.HoldAfter is { } hold && number > hold) await sink._released.Task;
            sink.Raw.Enqueue(bytes);
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpSink sink) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!sink.RefuseRecipient(to.AsAddress()));
    }
}
