using System.Collections.Concurrent;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Messaging;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Joules.Core.Messaging.Mail;

/// <summary>Reads the brand's <see cref="SmtpSettings"/> (cached for half a minute), falling back to <c>Joules:Mail:Smtp</c>
/// and then to the development mailbox.</summary>
public sealed class SmtpEndpointSource(DatabaseOptions database, SmtpPasswordProtector passwords, IOptions<MailOptions> options,
    DevelopmentMailboxEndpoint developmentMailbox, TimeProvider time) : ISmtpEndpointSource
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    // With the settings, their password unprotected once rather than for every message.
    private readonly ConcurrentDictionary<Guid, (SmtpSettings? Settings, string? Password, DateTimeOffset Until)> _brands = new();

    /// <inheritdoc />
    public async ValueTask<SmtpEndpoint?> ResolveAsync(Guid? brandId, CancellationToken ct = default)
    {
        var fallback = Default();
        if (brandId is { } id && await BrandSettingsAsync(id, ct) is ({ } s, var password))
        {
            var sender = string.IsNullOrWhiteSpace(s.SenderAddress) ? fallback?.SenderAddress ?? DevelopmentMailboxEndpoint.DefaultSender : s.SenderAddress;
            var name = string.IsNullOrWhiteSpace(s.SenderName) ? fallback?.SenderName ?? "" : s.SenderName;
            return new SmtpEndpoint(s.Host, s.Port, s.TlsMode, s.UserName, password, sender, name, Math.Max(1, s.MaxConnections));
        }
        return fallback;
    }

    /// <inheritdoc />
    public void Invalidate(Guid brandId) => _brands.TryRemove(brandId, out _);

    private SmtpEndpoint? Default()
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.Smtp.Host))
            return new SmtpEndpoint(o.Smtp.Host, o.Smtp.Port, o.Smtp.TlsMode, o.Smtp.UserName, o.Smtp.Password,
                string.IsNullOrWhiteSpace(o.Smtp.SenderAddress) ? DevelopmentMailboxEndpoint.DefaultSender : o.Smtp.SenderAddress, o.Smtp.SenderName, Math.Max(1, o.Smtp.MaxConnections));
        return developmentMailbox.Port is { } port
            ? new SmtpEndpoint("127.0.0.1", port, SmtpTlsMode.None, null, null,
                string.IsNullOrWhiteSpace(o.Smtp.SenderAddress) ? DevelopmentMailboxEndpoint.DefaultSender : o.Smtp.SenderAddress, o.Smtp.SenderName, 4)
            : null;
    }

    private async ValueTask<(SmtpSettings? Settings, string? Password)> BrandSettingsAsync(Guid brandId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_brands.TryGetValue(brandId, out var cached) && cached.Until > now) return (cached.Settings, cached.Password);
        await using var db = CoreDatabaseRegistration.Create(database, new SystemUser());
        var settings = await db.SmtpSettings.AsNoTracking().FirstOrDefaultAsync(x => x.BrandId == brandId && x.Host != "", ct);
        var password = settings is null ? null : passwords.Unprotect(settings.ProtectedPassword);
        _brands[brandId] = (settings, password, now + CacheFor);
        return (settings, password);
    }
}
