using System.Collections.Concurrent;
using System.Net.Sockets;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Joules.Core.Messaging.Mail;

/// <summary>Up to <see cref="SmtpEndpoint.MaxConnections"/> connected and authenticated clients to one server, reused across
/// messages. A client idle for more than a minute is checked with NOOP before use; a broken one is dropped and the message
/// is sent once more over a new connection.</summary>
internal sealed class SmtpConnectionPool : IAsyncDisposable
{
    internal static readonly TimeSpan IdleCheckAfter = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<Pooled> _idle = new();
    private readonly TimeProvider _time;
    private readonly Action<Socket>? _socketConnected;
    private SmtpEndpoint _endpoint;
    private int _disposed;

    public SmtpConnectionPool(SmtpEndpoint endpoint, TimeProvider time, Action<Socket>? socketConnected = null)
    {
        _endpoint = endpoint;
        _time = time;
        _socketConnected = socketConnected;
        _slots = new SemaphoreSlim(Math.Max(1, endpoint.MaxConnections));
    }

    /// <summary>Newer settings of the same server and account (e.g. a changed password) apply to the next new connection.</summary>
    public void Update(SmtpEndpoint endpoint) => _endpoint = endpoint;

    public int IdleCount => _idle.Count;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var client = await RentAsync(ct);
                try
                {
                    await client.Smtp.SendAsync(message, ct);
                    client.LastUsed = _time.GetUtcNow();
                    _idle.Push(client);
                    return;
                }
                catch (OperationCanceledException)
                {
                    client.Dispose();
                    throw;
                }
                catch (Exception ex)
                {
                    client.Dispose();
                    if (attempt == 0 && client.Reused && IsConnectionFailure(ex)) continue;
                    throw Classify(ex, _endpoint);
                }
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<Pooled> RentAsync(CancellationToken ct)
    {
        while (_idle.TryPop(out var client))
        {
            if (!client.Smtp.IsConnected) { client.Dispose(); continue; }
            if (_time.GetUtcNow() - client.LastUsed > IdleCheckAfter)
            {
                try { await client.Smtp.NoOpAsync(ct); }
                catch (Exception ex) when (ex is not OperationCanceledException) { client.Dispose(); continue; }
            }
            client.Reused = true;
            return client;
        }
        try
        {
            return new Pooled(await OpenAsync(_endpoint, _socketConnected, ct), _time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Classify(ex, _endpoint);
        }
    }

    /// <summary>The socket every SMTP connection is made on: Nagle's algorithm off, so a message's last segment is not held
    /// back waiting for the server's delayed ACK (MailKit's own ConnectAsync(host, port) leaves it on: ~40 ms per message).</summary>
    internal static Socket CreateSocket() => new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    /// <summary>Connects (and authenticates, if a user is set) a new client.</summary>
    internal static async Task<SmtpClient> OpenAsync(SmtpEndpoint endpoint, Action<Socket>? socketConnected, CancellationToken ct)
    {
        var socket = CreateSocket();
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, ct);
            socketConnected?.Invoke(socket);
            await client.ConnectAsync(socket, endpoint.Host, endpoint.Port, SocketOptions(endpoint), ct);
            if (!string.IsNullOrEmpty(endpoint.UserName))
                await client.AuthenticateAsync(endpoint.UserName, endpoint.Password ?? "", ct);
            return client;
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>How a connection to <paramref name="e"/> is secured (both SMTP paths follow this): "auto" means TLS on
    /// connect for port 465, else STARTTLS when the server offers it.</summary>
    internal static SecureSocketOptions SocketOptions(SmtpEndpoint e) => e.TlsMode switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => e.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable,
    };

    /// <summary>True if the connection itself failed (a new one may succeed), not the server's answer to this message.</summary>
    private static bool IsConnectionFailure(Exception ex) =>
        ex is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or ObjectDisposedException
        || ex is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    /// <summary>5xx answers are permanent; everything else (4xx, network, TLS, authentication) may pass on a later try.</summary>
    internal static MailDeliveryException Classify(Exception ex, SmtpEndpoint endpoint) => ex switch
    {
        MailDeliveryException m => m,
        SmtpCommandException c => new MailDeliveryException(CoreText.Format("Mail.Refused", endpoint, (int)c.StatusCode, c.Message), (int)c.StatusCode >= 500, c),
        _ => new MailDeliveryException(CoreText.Format("Mail.Unreachable", endpoint, ex.Message), false, ex),
    };

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        while (_idle.TryPop(out var client))
        {
            try { if (client.Smtp.IsConnected) await client.Smtp.DisconnectAsync(true); }
            catch (Exception) { /* closing anyway */ }
            client.Dispose();
        }
    }

    private sealed class Pooled(SmtpClient smtp, DateTimeOffset now) : IDisposable
    {
        public SmtpClient Smtp { get; } = smtp;
        public DateTimeOffset LastUsed { get; set; } = now;
        public bool Reused { get; set; }
        public void Dispose() => Smtp.Dispose();
    }
}
