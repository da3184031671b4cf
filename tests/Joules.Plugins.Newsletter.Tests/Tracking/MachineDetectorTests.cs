using System.Net;
using Joules.Plugins.Newsletter.Tracking;

namespace Joules.Plugins.Newsletter.Tests.Tracking;

public class MachineDetectorTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)")]
    [InlineData("YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html")]
    [InlineData("Mozilla/5.0 (compatible; Microsoft Outlook Safe Links)")]
    [InlineData("Proofpoint URL Defense")]
    [InlineData("Mimecast URL Protect")]
    [InlineData("Barracuda Sentinel (EE)")]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.31")]
    [InlineData("Mozilla/5.0")]
    [InlineData("")]
    public void Proxies_scanners_bots_and_bare_agents_are_machines(string userAgent)
    {
        MachineDetector.IsMachineAgent(userAgent).ShouldBeTrue();
        MachineDetector.IsMachine(false, userAgent, IPAddress.Parse("203.0.113.5"), isOpen: true).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148")]
    [InlineData("Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)")]
    [InlineData("Thunderbird/128.0")]
    public void Browsers_and_mail_clients_are_people(string userAgent)
    {
        MachineDetector.IsMachine(false, userAgent, IPAddress.Parse("203.0.113.5"), isOpen: true).ShouldBeFalse();
    }

    [Fact]
    public void Head_requests_are_machines()
    {
        MachineDetector.IsMachine(true, "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", IPAddress.Loopback, isOpen: false).ShouldBeTrue();
    }

    [Fact]
    public void Opens_from_apples_proxy_network_are_machines_but_clicks_from_there_are_not()
    {
        const string safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)";
        MachineDetector.IsMachine(false, safari, IPAddress.Parse("17.58.63.10"), isOpen: true).ShouldBeTrue();
        MachineDetector.IsMachine(false, safari, IPAddress.Parse("17.58.63.10").MapToIPv6(), isOpen: true).ShouldBeTrue();
        MachineDetector.IsMachine(false, safari, IPAddress.Parse("17.58.63.10"), isOpen: false).ShouldBeFalse();
        MachineDetector.IsMachine(false, safari, IPAddress.Parse("18.1.1.1"), isOpen: true).ShouldBeFalse();
    }

    [Fact]
    public void Hits_within_seconds_of_delivery_are_machines()
    {
        var delivered = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        MachineDetector.TooSoonAfterDelivery(delivered, delivered.AddSeconds(2)).ShouldBeTrue();
        MachineDetector.TooSoonAfterDelivery(delivered, delivered.AddMinutes(3)).ShouldBeFalse();
    }
}
