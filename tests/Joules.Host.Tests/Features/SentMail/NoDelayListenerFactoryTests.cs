using System.Net;
using System.Net.Sockets;
using Joules.Host.Features.SentMail;
using SmtpServer;

namespace Joules.Host.Tests.Features.SentMail;

public sealed class NoDelayListenerFactoryTests
{
    [Fact]
    public async Task Development_mailbox_accepts_sessions_with_Nagle_switched_off()
    {
        var factory = new NoDelayListenerFactory();
        var port = 0;
        Socket? accepted = null;
        factory.Started += p => port = p;
        factory.Accepted += s => accepted = s;
        using var listener = factory.CreateListener(new EndpointDefinitionBuilder().Endpoint(new IPEndPoint(IPAddress.Loopback, 0)).Build());
        port.ShouldBeGreaterThan(0);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var pipe = await listener.GetPipeAsync(null!, CancellationToken.None);

        accepted.ShouldNotBeNull().NoDelay.ShouldBeTrue();
    }
}
