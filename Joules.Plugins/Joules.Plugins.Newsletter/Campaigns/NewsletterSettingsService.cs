using System.Text.Json;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Identity;
using Joules.Core.Plugins;
using Joules.Plugins.Newsletter.Model;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Joules.Plugins.Newsletter.Campaigns;

/// <summary>The editable settings of a brand (the password only as "set" / a new value).</summary>
public sealed class SettingsModel
{
    public string PublicBaseUrl { get; set; } = "";
    public string FooterImprint { get; set; } = "";
    public string? UnsubscribeMailbox { get; set; }
    public int MessagesPerSecond { get; set; }
    public int Workers { get; set; } = 4;
    public string? BounceMailboxHost { get; set; }
    public int BounceMailboxPort { get; set; } = 995;
    public bool BounceMailboxTls { get; set; } = true;
    public string? BounceMailboxUser { get; set; }
    /// <summary>A stored password exists (never shown again).</summary>
    public bool PasswordSet { get; set; }
    /// <summary>A new password; empty keeps the stored one.</summary>
    public string? NewPassword { get; set; }
    /// <summary>Remove the stored password.</summary>
    public bool ClearPassword { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>Reads and saves <see cref="NewsletterSettings"/> per brand. Only administrators may change them; every save is
/// audit-logged (without the password).</summary>
public sealed class NewsletterSettingsService(IDbContextFactory<NewsletterDb> factory, IDbContextFactory<JoulesDbContext> coreFactory,
    IDataProtectionProvider protection, AuthenticationStateProvider authentication, IPluginContext plugin, IStringLocalizer<NewsletterSettingsService> L)
{
    public const string ProtectorPurpose = "Joules.Newsletter.BounceMailbox";

    public async Task<bool> CanEditAsync()
    {
        if (!plugin.AllowsChanges) return false;
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.IsInRole(Roles.Administrator);
    }

    public async Task<SettingsModel> LoadAsync(Guid brandId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.Settings.AsNoTracking().FirstOrDefaultAsync(x => x.BrandId == brandId, ct);
        if (s is null) return new SettingsModel();
        return new SettingsModel
        {
            PublicBaseUrl = s.PublicBaseUrl, FooterImprint = s.FooterImprint, UnsubscribeMailbox = s.UnsubscribeMailbox,
            MessagesPerSecond = s.MessagesPerSecond, Workers = s.Workers, BounceMailboxHost = s.BounceMailboxHost,
            BounceMailboxPort = s.BounceMailboxPort, BounceMailboxTls = s.BounceMailboxTls, BounceMailboxUser = s.BounceMailboxUser,
            PasswordSet = !string.IsNullOrEmpty(s.BounceMailboxProtectedPassword), UpdatedAt = s.UpdatedAt,
        };
    }

    /// <summary>True when the address is not HTTPS (RFC 8058 one-click unsubscribe needs HTTPS).</summary>
    public static bool NotHttps(string? url) => !string.IsNullOrWhiteSpace(url) && !url.Trim().StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks the values; throws a <see cref="DomainException"/> naming the field.</summary>
    public void Validate(SettingsModel m)
    {
        var url = m.PublicBaseUrl?.Trim() ?? "";
        if (url.Length > 0 && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)))
            throw new DomainException(L["UrlInvalid", url], nameof(m.PublicBaseUrl));
        if (url.Length > 500) throw new DomainException(L["TooLong", L["PublicBaseUrl"], 500], nameof(m.PublicBaseUrl));
        if ((m.FooterImprint?.Length ?? 0) > 2000) throw new DomainException(L["TooLong", L["FooterImprint"], 2000], nameof(m.FooterImprint));
        var mailbox = MailboxAddress(m.UnsubscribeMailbox);
        if (mailbox is not null && !CampaignService.IsEmail(mailbox))
            throw new DomainException(L["MailboxInvalid", m.UnsubscribeMailbox!.Trim()], nameof(m.UnsubscribeMailbox));
        if (m.MessagesPerSecond is < 0 or > 100_000) throw new DomainException(L["RateRange"], nameof(m.MessagesPerSecond));
        if (m.Workers is < 1 or > 16) throw new DomainException(L["WorkersRange"], nameof(m.Workers));
        if (!string.IsNullOrWhiteSpace(m.BounceMailboxHost))
        {
            if (m.BounceMailboxHost.Trim().Length > 200 || Uri.CheckHostName(m.BounceMailboxHost.Trim()) == UriHostNameType.Unknown)
                throw new DomainException(L["HostInvalid", m.BounceMailboxHost.Trim()], nameof(m.BounceMailboxHost));
            if (m.BounceMailboxPort is < 1 or > 65535) throw new DomainException(L["PortRange"], nameof(m.BounceMailboxPort));
            if (string.IsNullOrWhiteSpace(m.BounceMailboxUser)) throw new DomainException(L["UserRequired"], nameof(m.BounceMailboxUser));
        }
        if ((m.BounceMailboxUser?.Trim().Length ?? 0) > 200) throw new DomainException(L["TooLong", L["BounceUser"], 200], nameof(m.BounceMailboxUser));
    }

    /// <summary>"mailto:a@b.de" or "a@b.de" → "a@b.de"; empty → null.</summary>
    public static string? MailboxAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        return v.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? v[7..] : v;
    }

    public async Task SaveAsync(Guid brandId, SettingsModel m, CancellationToken ct = default)
    {
        if (!await CanEditAsync()) throw new DomainException(L["OnlyAdministrators"]);
        Validate(m);
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.Settings.FirstOrDefaultAsync(x => x.BrandId == brandId, ct);
        if (s is null)
        {
            s = new NewsletterSettings { BrandId = brandId };
            db.Settings.Add(s);
        }
        s.PublicBaseUrl = (m.PublicBaseUrl ?? "").Trim().TrimEnd('/');
        s.FooterImprint = (m.FooterImprint ?? "").Trim();
        s.UnsubscribeMailbox = MailboxAddress(m.UnsubscribeMailbox);
        s.MessagesPerSecond = m.MessagesPerSecond;
        s.Workers = m.Workers;
        s.BounceMailboxHost = string.IsNullOrWhiteSpace(m.BounceMailboxHost) ? null : m.BounceMailboxHost.Trim();
        s.BounceMailboxPort = m.BounceMailboxPort;
        s.BounceMailboxTls = m.BounceMailboxTls;
        s.BounceMailboxUser = string.IsNullOrWhiteSpace(m.BounceMailboxUser) ? null : m.BounceMailboxUser.Trim();
        var passwordChange = "unchanged";
        if (m.ClearPassword)
        {
            s.BounceMailboxProtectedPassword = null;
            passwordChange = "removed";
        }
        else if (!string.IsNullOrEmpty(m.NewPassword))
        {
            s.BounceMailboxProtectedPassword = protection.CreateProtector(ProtectorPurpose).Protect(m.NewPassword);
            passwordChange = "set";
        }
        s.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);

        await using var core = await coreFactory.CreateDbContextAsync(ct);
        core.Audit("NewsletterSettingsSaved", "NewsletterSettings", brandId.ToString(), JsonSerializer.Serialize(new
        {
            s.PublicBaseUrl, s.UnsubscribeMailbox, s.MessagesPerSecond, s.Workers, s.BounceMailboxHost, s.BounceMailboxPort, s.BounceMailboxTls,
            s.BounceMailboxUser, Password = passwordChange, ImprintLength = s.FooterImprint.Length,
        }));
        await core.SaveChangesAsync(ct);
        m.PasswordSet = !string.IsNullOrEmpty(s.BounceMailboxProtectedPassword);
        m.NewPassword = null;
        m.ClearPassword = false;
        m.UpdatedAt = s.UpdatedAt;
    }
}
