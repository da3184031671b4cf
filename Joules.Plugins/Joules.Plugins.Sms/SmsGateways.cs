using System.Text.RegularExpressions;
using Joules.Core.Domain.Common;
using Joules.Core.Integration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Sms;

/// <summary>The gateway a brand's SMS go to.</summary>
/// <param name="BaseUrl">Gateway base address (trailing slash).</param>
/// <param name="ApiKey">Clear API key; never log it.</param>
/// <param name="SenderId">Sender id.</param>
/// <param name="DefaultCountry">Country for national numbers.</param>
/// <param name="Simulated">True: the demo simulator, because the brand configured nothing.</param>
/// <param name="CallbackBaseUrl">Joules' public address for delivery reports, if configured.</param>
public sealed record SmsGateway(Uri BaseUrl, string ApiKey, string SenderId, string DefaultCountry, bool Simulated, string? CallbackBaseUrl)
{
    public Uri MessagesUrl => new(BaseUrl, SmsWire.MessagesPath);

    public override string ToString() => $"SmsGateway {{ BaseUrl = {BaseUrl}, SenderId = {SenderId}, Simulated = {Simulated} }}";
}

/// <summary>Finds a brand's gateway: its own settings, else (demo and tests only) the simulator the host runs.</summary>
public sealed partial class SmsGatewayResolver(IDbContextFactory<SmsDb> factory, SecretProtector secrets,
    IExternalServiceSimulators simulators, IServer server)
{
    /// <summary>Data Protection purpose of the stored API keys.</summary>
    public const string ApiKeyPurpose = "Joules.Plugins.Sms.ApiKey";

    /// <summary>The API key the host's SMS gateway simulator accepts (demo only).</summary>
    public const string SimulatorApiKey = "joules-demo-sms-key";

    /// <summary>Sender id used with the simulator.</summary>
    public const string SimulatorSenderId = "Joules";

    /// <summary>The gateway for sending, or null if the brand has none (or switched it off): its SMS wait.</summary>
    public async Task<SmsGateway?> ForSendingAsync(Guid? brandId, CancellationToken ct = default)
    {
        var settings = await SettingsAsync(brandId, ct);
        if (settings is null) return Simulator();
        if (!settings.Enabled) return null;
        var key = secrets.Unprotect(SmsGatewayResolver.ApiKeyPurpose, settings.ProtectedApiKey);
        if (key is null || !Uri.TryCreate(EnsureSlash(settings.Url), UriKind.Absolute, out var url)) return null;
        return new SmsGateway(url, key, settings.SenderId, settings.DefaultCountry, false, settings.CallbackBaseUrl);
    }

    /// <summary>The key delivery reports for the brand are signed with (also while the gateway is switched off).</summary>
    public async Task<string?> ReportKeyAsync(Guid? brandId, CancellationToken ct = default)
    {
        var settings = await SettingsAsync(brandId, ct);
        if (settings is null) return simulators.BaseUrl is null ? null : SimulatorApiKey;
        return secrets.Unprotect(SmsGatewayResolver.ApiKeyPurpose, settings.ProtectedApiKey);
    }

    /// <summary>The simulator gateway, if the host runs the simulators.</summary>
    public SmsGateway? Simulator() => simulators.BaseUrl is { } baseUrl
        ? new SmsGateway(new Uri(baseUrl, "sms/"), SimulatorApiKey, SimulatorSenderId, "DE", true, null)
        : null;

    /// <summary>Where the gateway posts delivery reports for <paramref name="brandId"/>'s messages.</summary>
    public string? CallbackUrl(SmsGateway gateway, Guid? brandId)
    {
        var root = string.IsNullOrWhiteSpace(gateway.CallbackBaseUrl) ? ListeningAddress() : gateway.CallbackBaseUrl.Trim();
        if (root is null) return null;
        return $"{root.TrimEnd('/')}/plugins/joules.sms/delivery-reports?brand={(brandId is { } b ? b.ToString("N") : "none")}";
    }

    private string? ListeningAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault();
        if (first is null) return null;
        return first.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1")
            .Replace("://[::]", "://127.0.0.1");
    }

    private async Task<SmsGatewaySettings?> SettingsAsync(Guid? brandId, CancellationToken ct)
    {
        if (brandId is null) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Gateways.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(g => g.BrandId == brandId, ct);
    }

    private static string EnsureSlash(string url) => url.Trim().EndsWith('/') ? url.Trim() : url.Trim() + "/";

    /// <summary>Checks the fields of <paramref name="settings"/>; throws <see cref="DomainException"/> naming the field.</summary>
    public static void Validate(SmsGatewaySettings settings, bool hasApiKey)
    {
        if (!Uri.TryCreate(settings.Url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new DomainException("Bitte die Gateway-URL als vollständige http(s)-Adresse angeben, z. B. https://sms.example.de/.", nameof(settings.Url));
        if (!hasApiKey) throw new DomainException("Bitte den API-Schlüssel des Gateways angeben.", "ApiKey");
        if (!IsValidSenderId(settings.SenderId))
            throw new DomainException("Die Absenderkennung muss aus 3 bis 11 Buchstaben oder Ziffern bestehen oder eine Rufnummer mit höchstens 15 Ziffern sein.", nameof(settings.SenderId));
        if (settings.DefaultCountry is not ("DE" or "AT"))
            throw new DomainException("Bitte als Land für nationale Rufnummern Deutschland (DE) oder Österreich (AT) wählen.", nameof(settings.DefaultCountry));
        if (!string.IsNullOrWhiteSpace(settings.CallbackBaseUrl)
            && !(Uri.TryCreate(settings.CallbackBaseUrl.Trim(), UriKind.Absolute, out var cb) && cb.Scheme is "http" or "https"))
            throw new DomainException("Die Rückmelde-Adresse muss eine vollständige http(s)-Adresse sein, z. B. https://joules.example.de/.", nameof(settings.CallbackBaseUrl));
    }

    /// <summary>3–11 letters or digits, or a number (optionally with +) of at most 15 digits.</summary>
    public static bool IsValidSenderId(string? senderId) =>
        senderId is not null && (AlphanumericSender().IsMatch(senderId) || NumericSender().IsMatch(senderId));

    [GeneratedRegex(@"^[A-Za-z0-9]{3,11}$")]
    private static partial Regex AlphanumericSender();

    [GeneratedRegex(@"^\+?[0-9]{1,15}$")]
    private static partial Regex NumericSender();
}
