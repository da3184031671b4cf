using System.Collections.Concurrent;
using System.Net.Sockets;
using Joules.Core.Domain.Common;
using MimeKit;

namespace Joules.Core.Messaging.Mail;

/// <summary>Sends mail over SMTP with one connection pool per server and account (see <see cref="ISmtpEndpointSource"/> for
/// which server a brand uses).</summary>
public sealed class SmtpMailTransport(ISmtpEndpointSource endpoints, TimeProvider time) : IMailTransport, IMailSessionFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SmtpConnectionPool> _pools = new();

    /// <summary>Called with every newly connected socket (tests check its options).</summary>
    internal Action<Socket>? SocketConnected { get; set; }

    /// <inheritdoc />
    public async Task SendAsync(MimeMessage message, Guid? brandId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var endpoint = await endpoints.ResolveAsync(brandId, ct)
            ?? throw new MailDeliveryException(CoreText.Get("Mail.NoServer"), permanent: false);
        if (message.From.Count == 0)
            message.From.Add(new MailboxAddress(endpoint.SenderName, endpoint.SenderAddress));
        var pool = _pools.GetOrAdd(endpoint.Key, _ => new SmtpConnectionPool(endpoint, time, SocketConnected));
        pool.Update(endpoint);
        await pool.SendAsync(message, ct);
    }

    /// <inheritdoc />
    public async Task<IMailSession> OpenAsync(Guid? brandId, CancellationToken ct = default)
    {
        var endpoint = await endpoints.ResolveAsync(brandId, ct)
            ?? throw new MailDeliveryException(CoreText.Get("Mail.NoServer"), permanent: false);
        try
        {
            return await SmtpMailSession.OpenAsync(endpoint, SocketConnected, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw SmtpConnectionPool.Classify(ex, endpoint);
        }
    }

    /// <summary>Connects and authenticates to <paramref name="endpoint"/> without sending; returns null on success or the
    /// reason it failed (for the "test connection" button).</summary>
    public static async Task<string?> TestConnectionAsync(SmtpEndpoint endpoint, CancellationToken ct = default)
    {
        try
        {
            using var client = await SmtpConnectionPool.OpenAsync(endpoint, null, ct);
            await client.DisconnectAsync(true, ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return SmtpConnectionPool.Classify(ex, endpoint).Message;
        }
    }

    internal int PoolCount => _pools.Count;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var pool in _pools.Values) await pool.DisposeAsync();
        _pools.Clear();
    }
}
