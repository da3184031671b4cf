using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.Authentication;
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

    /// <summary>With a login, every session must authenticate (PLAIN or LOGIN, allowed without TLS); with a certificate,
    /// the server offers STARTTLS.</summary>
    public static async Task<SmtpSink> StartAsync(int port = 0, (string User, string Password)? login = null, X509Certificate2? certificate = null)
    {
        var sink = new SmtpSink { _login = login, _certificate = certificate };
        await sink.StartOnAsync(port);
        return sink;
    }

    private (string User, string Password)? _login;
    private X509Certificate2? _certificate;

    /// <summary>The users that logged in (one entry per successful authentication).</summary>
    public ConcurrentQueue<string> LoggedIn { get; } = new();

    /// <summary>Sessions that switched to TLS before sending a message.</summary>
    public int SecureMessages => Volatile.Read(ref _secureMessages);
    private int _secureMessages;

    /// <summary>Starts again on the previous port after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync() => StartOnAsync(Port);

    private async Task StartOnAsync(int port)
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new NoDelayListenerFactory();
        listeners.Started += port => started.TrySetResult(port);
        var services = new ServiceProvider();
        // The no-delay listener has no TLS; with a certificate the package's own listener runs, on a port chosen here.
        if (_certificate is null) services.Add(listeners);
        else if (port == 0) port = FreePort();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (_login is { } login)
            services.Add(new DelegatingUserAuthenticator((user, password) =>
            {
                var ok = user == login.User && password == login.Password;
                if (ok) LoggedIn.Enqueue(user);
                return ok;
            }));
        var options = new SmtpServerOptionsBuilder().ServerName("sink.test")
            .Endpoint(b =>
            {
                b.Endpoint(new IPEndPoint(IPAddress.Loopback, port));
                if (_login is not null) b.AuthenticationRequired().AllowUnsecureAuthentication();
                if (_certificate is not null) b.Certificate(_certificate).SupportedSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
            }).Build();
        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = _server.StartAsync(CancellationToken.None);
        if (_certificate is not null) started.TrySetResult(await ListeningAsync(port));
        var done = await Task.WhenAny(started.Task, _running, Task.Delay(TimeSpan.FromSeconds(10)));
        if (done != started.Task) throw new InvalidOperationException("SMTP sink did not start.", _running.Exception);
        Port = started.Task.Result;
    }

    /// <summary>Waits until the package's listener takes connections on <paramref name="port"/>.</summary>
    private static async Task<int> ListeningAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return port;
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
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
            if (context.Pipe.IsSecure) Interlocked.Increment(ref sink._secureMessages);
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
