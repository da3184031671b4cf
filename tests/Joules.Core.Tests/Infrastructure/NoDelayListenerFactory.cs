using System.IO.Pipelines;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace Joules.Core.Tests.Infrastructure;

/// <summary>Accepts SMTP sessions with Nagle's algorithm off. The package's default listener leaves it on, so when a client
/// pipelines MAIL/RCPT/DATA the server's second reply waits for the client's delayed ACK (~40 ms per message).
/// <see cref="Started"/> reports the port actually bound (for port 0).</summary>
internal sealed class NoDelayListenerFactory : IEndpointListenerFactory
{
    public event Action<int>? Started;

    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var tcp = new TcpListener(endpointDefinition.Endpoint);
        tcp.Start();
        Started?.Invoke(((IPEndPoint)tcp.LocalEndpoint).Port);
        return new Listener(tcp);
    }

    private sealed class Listener(TcpListener tcp) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await tcp.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new PlainPipe(client);
        }

        public void Dispose() => tcp.Stop();
    }

    /// <summary>A plain (local, unencrypted) session; STARTTLS is not offered without a certificate.</summary>
    private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
    {
        private readonly NetworkStream _stream = client.GetStream();
        private PipeReader? _input;
        private PipeWriter? _output;

        public PipeReader Input => _input ??= PipeReader.Create(_stream);
        public PipeWriter Output => _output ??= PipeWriter.Create(_stream);
        public bool IsSecure => false;
        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("TLS is not offered by this local listener.");

        public void Dispose() => client.Close();
    }
}
