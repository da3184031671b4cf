using System.Buffers;
using System.Net;

namespace Joules.Plugins.Newsletter.Tracking;

/// <summary>Decides whether an open or click came from a machine rather than the recipient. Machine hits are stored but
/// counted apart (docs/newsletter.md, "Machine opens and clicks"). The rules, in order:
/// <list type="number">
/// <item>HEAD requests (link checkers look before they fetch).</item>
/// <item>No user agent, or a user agent that is only <c>Mozilla/5.0</c> without any browser or mail client token
/// (Apple Mail Privacy Protection and other prefetching proxies).</item>
/// <item>A user agent of an image proxy, link scanner or bot: GoogleImageProxy, YahooMailProxy, Microsoft/Outlook Safe
/// Links and Defender, Proofpoint, Mimecast, Barracuda, Cisco/IronPort, Symantec/Broadcom MessageLabs, Trend Micro,
/// Sophos, FireEye, Forcepoint, generic "bot", "spider", "crawler", "preview", "scanner" and HTTP libraries (curl,
/// wget, python-requests, Go-http-client, Java, okhttp, libwww, HeadlessChrome).</item>
/// <item>Opens from Apple's proxy network (17.0.0.0/8), where Mail Privacy Protection fetches every image.</item>
/// <item>Hits within <see cref="MinimumHumanDelay"/> of the mail's delivery (scanners and proxies fetch on arrival;
/// applied by the tracking writer, which knows the delivery time).</item>
/// </list></summary>
public static class MachineDetector
{
    /// <summary>A hit sooner than this after the mail was delivered is a machine.</summary>
    public static readonly TimeSpan MinimumHumanDelay = TimeSpan.FromSeconds(5);

    private static readonly SearchValues<string> MachineAgents = SearchValues.Create(
    [
        "GoogleImageProxy", "ggpht.com", "YahooMailProxy", "Yahoo! Slurp",
        "Safe Links", "SafeLinks", "Microsoft Office Protocol Discovery", "BingPreview", "Microsoft Defender",
        "Proofpoint", "ppops-", "Mimecast", "Barracuda", "IronPort", "Cisco", "MessageLabs", "Symantec", "Trend Micro",
        "TrendMicro", "Sophos", "FireEye", "Forcepoint", "Zscaler", "AppRiver",
        "bot", "spider", "crawler", "preview", "scanner", "HeadlessChrome", "PhantomJS",
        "curl/", "Wget", "python-requests", "python-urllib", "aiohttp", "Go-http-client", "Java/", "okhttp", "libwww",
        "Apache-HttpClient", "node-fetch", "axios/",
    ], StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a request that is certainly a machine's (rules 1–4).</summary>
    public static bool IsMachine(bool head, ReadOnlySpan<char> userAgent, IPAddress? remote, bool isOpen)
    {
        if (head) return true;
        if (IsMachineAgent(userAgent)) return true;
        return isOpen && remote is not null && IsAppleProxy(remote);
    }

    /// <summary>Rules 2 and 3: empty, bare "Mozilla/5.0" or a known proxy/scanner/bot user agent.</summary>
    public static bool IsMachineAgent(ReadOnlySpan<char> userAgent)
    {
        var ua = userAgent.Trim();
        if (ua.IsEmpty) return true;
        if (ua.Equals("Mozilla/5.0", StringComparison.OrdinalIgnoreCase)) return true;
        return ua.IndexOfAny(MachineAgents) >= 0;
    }

    /// <summary>Rule 4: Apple's 17.0.0.0/8 (also as an IPv4-mapped IPv6 address).</summary>
    public static bool IsAppleProxy(IPAddress remote)
    {
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        if (remote.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return false;
        Span<byte> bytes = stackalloc byte[4];
        return remote.TryWriteBytes(bytes, out _) && bytes[0] == 17;
    }

    /// <summary>Rule 5: a hit at <paramref name="at"/> of a mail delivered at <paramref name="deliveredAt"/>.</summary>
    public static bool TooSoonAfterDelivery(DateTimeOffset deliveredAt, DateTimeOffset at) => at - deliveredAt < MinimumHumanDelay;
}
