using System.Net;
using System.Net.Sockets;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Messaging.Messenger;

/// <summary>A messenger channel as lists show it: never with its URL, only the host.</summary>
public sealed record MessengerChannelRow(Guid Id, Guid BrandId, string Name, MessengerKind Kind, string UrlHost, bool Enabled, DateTimeOffset CreatedAt);

/// <summary>What an administrator enters for a channel. <see cref="Url"/> is write-only: empty on update keeps the stored one.</summary>
public sealed class MessengerChannelInput
{
    /// <summary>Shown in lists and rules, unique per brand.</summary>
    public string Name { get; set; } = "";

    /// <summary>The chat product behind the webhook.</summary>
    public MessengerKind Kind { get; set; } = MessengerKind.Teams;

    /// <summary>The incoming-webhook URL (https; http only for loopback or private hosts).</summary>
    public string? Url { get; set; }
}

/// <summary>The outcome of "Testnachricht senden".</summary>
/// <param name="Ok">True if the webhook accepted the post.</param>
/// <param name="Message">What to show the user (success or the reason).</param>
public sealed record MessengerTestResult(bool Ok, string Message);

/// <summary>Lists, creates, changes, deletes, enables and tests the messenger channels of a brand (admin page, later the
/// REST API). The acting user's brand filter applies; URLs are stored encrypted and never returned.</summary>
public sealed class MessengerChannelService(IDbContextFactory<JoulesDbContext> dbFactory, MessengerUrlProtector urls,
    MessengerWebhookClient webhooks, TimeProvider clock)
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The brand's channels by name.</summary>
    public async Task<IReadOnlyList<MessengerChannelRow>> ListAsync(Guid brandId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MessengerChannels.AsNoTracking().Where(c => c.BrandId == brandId).OrderBy(c => c.Name)
            .Select(c => new MessengerChannelRow(c.Id, c.BrandId, c.Name, c.Kind, c.UrlHost, c.Enabled, c.CreatedAt)).ToListAsync(ct);
    }

    /// <summary>One channel, or null.</summary>
    public async Task<MessengerChannelRow?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MessengerChannels.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new MessengerChannelRow(c.Id, c.BrandId, c.Name, c.Kind, c.UrlHost, c.Enabled, c.CreatedAt)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Names of the given channel ids the user may see (outbox page: "Teams Vertrieb" instead of a Guid).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0) return new Dictionary<Guid, string>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MessengerChannels.AsNoTracking().Where(c => list.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
    }

    /// <summary>Creates an enabled channel.</summary>
    /// <exception cref="DomainException">Invalid input; the message names the field.</exception>
    public async Task<MessengerChannelRow> CreateAsync(Guid brandId, MessengerChannelInput input, CancellationToken ct = default)
    {
        var (name, uri) = Validate(input, urlRequired: true);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureUniqueAsync(db, brandId, name, null, ct);
        var channel = MessengerChannel.Create(brandId, name, input.Kind, urls.Protect(uri!.AbsoluteUri), clock.GetUtcNow());
        channel.UrlHost = HostOf(uri);
        db.MessengerChannels.Add(channel);
        await db.SaveChangesAsync(ct);
        return Row(channel);
    }

    /// <summary>Changes name, kind and (if entered) URL.</summary>
    /// <exception cref="DomainException">Invalid input or the channel does not exist.</exception>
    public async Task<MessengerChannelRow> UpdateAsync(Guid id, MessengerChannelInput input, CancellationToken ct = default)
    {
        var (name, uri) = Validate(input, urlRequired: false);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.MessengerChannels.FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new DomainException(CoreText.Get("Messenger.NotFound"));
        await EnsureUniqueAsync(db, channel.BrandId, name, id, ct);
        channel.Name = name;
        channel.Kind = input.Kind;
        if (uri is not null)
        {
            channel.ProtectedUrl = urls.Protect(uri.AbsoluteUri);
            channel.UrlHost = HostOf(uri);
        }
        await db.SaveChangesAsync(ct);
        return Row(channel);
    }

    /// <summary>Switches a channel on or off; messages to a disabled channel wait and are retried.</summary>
    public async Task SetEnabledAsync(Guid id, bool enabled, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.MessengerChannels.FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new DomainException(CoreText.Get("Messenger.NotFound"));
        channel.Enabled = enabled;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes a channel; messages still queued for it fail ("Kanal gibt es nicht mehr"). False if it was not found.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.MessengerChannels.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null) return false;
        db.MessengerChannels.Remove(channel);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Posts a test message straight to the webhook (not through the outbox) and says whether it arrived.
    /// Works for disabled channels too, so a channel can be checked before it is switched on.</summary>
    public async Task<MessengerTestResult> SendTestAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.MessengerChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new DomainException(CoreText.Get("Messenger.NotFound"));
        var described = MessengerChannelSender.Describe(channel);
        var now = clock.GetUtcNow();
        var key = $"messenger-test:{channel.Id:N}:{Guid.NewGuid():N}";
        var json = MessengerPayloads.Build(channel.Kind, CoreText.Get("Messenger.TestTitle"), CoreText.Format("Messenger.TestText", channel.Name),
            new MessengerEnvelope(channel.BrandId, Guid.NewGuid(), key, now));
        MessengerTestResult result;
        try
        {
            await webhooks.PostAsync(urls.Unprotect(channel.ProtectedUrl), described, json, key, ct);
            result = new MessengerTestResult(true, CoreText.Format("Messenger.TestOk", described));
        }
        catch (MessageDeliveryException ex) { result = new MessengerTestResult(false, ex.Message); }
        db.Audit("MessengerTest", nameof(MessengerChannel), channel.Id.ToString(), result.Ok ? "ok" : result.Message);
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>Checks the input; returns the trimmed name and the parsed URL (null if none was entered and none is required).</summary>
    /// <exception cref="DomainException">The message names the field ("Name", "Kind" or "Url").</exception>
    public static (string Name, Uri? Url) Validate(MessengerChannelInput input, bool urlRequired)
    {
        var name = (input.Name ?? "").Trim();
        if (name.Length == 0) throw new DomainException(CoreText.Get("Messenger.NameRequired"), "Name");
        if (name.Length > MaxNameLength) throw new DomainException(CoreText.Format("Messenger.NameTooLong", MaxNameLength), "Name");
        if (!Enum.IsDefined(input.Kind)) throw new DomainException(CoreText.Get("Messenger.KindInvalid"), "Kind");
        var raw = (input.Url ?? "").Trim();
        if (raw.Length == 0)
        {
            if (urlRequired) throw new DomainException(CoreText.Get("Messenger.UrlRequired"), "Url");
            return (name, null);
        }
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw new DomainException(CoreText.Get("Messenger.UrlNotAbsolute"), "Url");
        if (uri.AbsoluteUri.Length > 2000) throw new DomainException(CoreText.Get("Messenger.UrlTooLong"), "Url");
        if (uri.Scheme == "http" && !IsLocalOrPrivate(uri))
            throw new DomainException(CoreText.Format("Messenger.HttpsRequired", uri.Host), "Url");
        return (name, uri);
    }

    /// <summary>True for loopback, private (RFC 1918, unique local, link-local) addresses, "localhost" and single-label
    /// intranet names: plain http is accepted only there.</summary>
    public static bool IsLocalOrPrivate(Uri uri)
    {
        var host = uri.IdnHost.Trim('[', ']');
        if (uri.IsLoopback || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        if (IPAddress.TryParse(host, out var ip))
        {
            if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
            if (IPAddress.IsLoopback(ip)) return true;
            if (ip.AddressFamily == AddressFamily.InterNetwork)
            {
                var b = ip.GetAddressBytes();
                return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254);
            }
            return ip.IsIPv6LinkLocal || ip.IsIPv6UniqueLocal || ip.IsIPv6SiteLocal;
        }
        return !host.Contains('.');
    }

    private static string HostOf(Uri uri) => uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";

    private static async Task EnsureUniqueAsync(JoulesDbContext db, Guid brandId, string name, Guid? except, CancellationToken ct)
    {
        var lower = name.ToLower();
        if (await db.MessengerChannels.AnyAsync(c => c.BrandId == brandId && c.Name.ToLower() == lower && c.Id != except, ct))
            throw new DomainException(CoreText.Format("Messenger.NameTaken", name), "Name");
    }

    private static MessengerChannelRow Row(MessengerChannel c) => new(c.Id, c.BrandId, c.Name, c.Kind, c.UrlHost, c.Enabled, c.CreatedAt);
}
