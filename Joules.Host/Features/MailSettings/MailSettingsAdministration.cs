using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Mail;
using Joules.Core.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Joules.Host.Features.Common;

namespace Joules.Host.Features.MailSettings;


/// <summary>The editable SMTP settings of a brand. <see cref="Password"/> is write-only: empty keeps the stored one.</summary>
internal sealed class MailSettingsForm
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public SmtpTlsMode TlsMode { get; set; } = SmtpTlsMode.StartTls;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool RemovePassword { get; set; }
    public bool HasStoredPassword { get; set; }
    public string SenderAddress { get; set; } = "";
    public string SenderName { get; set; } = "";
    public int MaxConnections { get; set; } = 4;
    public bool Exists { get; set; }
}

/// <summary>Reads, validates and saves a brand's <see cref="SmtpSettings"/> (the password encrypted with
/// <see cref="SmtpPasswordProtector"/>) and tests a connection with them.</summary>
internal sealed class MailSettingsAdministration(IDbContextFactory<JoulesDbContext> dbFactory, SmtpPasswordProtector passwords,
    ISmtpEndpointSource endpoints, IStringLocalizer<MailSettingsPage> text)
{
    public async Task<IReadOnlyList<BrandOption>> BrandsAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return await BrandOptions.LoadAsync(db, ct);
    }

    public async Task<MailSettingsForm> LoadAsync(Guid brandId, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var s = await db.SmtpSettings.AsNoTracking().FirstOrDefaultAsync(x => x.BrandId == brandId, ct);
        return s is null ? new MailSettingsForm() : new MailSettingsForm
        {
            Host = s.Host, Port = s.Port, TlsMode = s.TlsMode, UserName = s.UserName, HasStoredPassword = s.ProtectedPassword is not null,
            SenderAddress = s.SenderAddress, SenderName = s.SenderName, MaxConnections = s.MaxConnections, Exists = true,
        };
    }

    /// <summary>Throws <see cref="DomainException"/> naming the field for invalid input.</summary>
    public void Validate(MailSettingsForm form)
    {
        if (string.IsNullOrWhiteSpace(form.Host) || form.Host.Trim().Contains(' '))
            throw new DomainException(text["Error.Host"], nameof(form.Host));
        if (form.Port is < 1 or > 65535)
            throw new DomainException(text["Error.Port"], nameof(form.Port));
        if (string.IsNullOrWhiteSpace(form.SenderAddress))
            throw new DomainException(text["Error.SenderRequired"], nameof(form.SenderAddress));
        if (!OutboxWriter.TryParseAddress(form.SenderAddress, out var sender) || sender.Name is { Length: > 0 })
            throw new DomainException(text["Error.SenderInvalid", form.SenderAddress], nameof(form.SenderAddress));
        if (form.SenderName.Length > 200)
            throw new DomainException(text["Error.SenderName"], nameof(form.SenderName));
        if (form.MaxConnections is < 1 or > 20)
            throw new DomainException(text["Error.MaxConnections"], nameof(form.MaxConnections));
    }

    public async Task SaveAsync(Guid brandId, MailSettingsForm form, CancellationToken ct = default)
    {
        Validate(form);
        await using var db = dbFactory.CreateDbContext();
        var s = await db.SmtpSettings.FirstOrDefaultAsync(x => x.BrandId == brandId, ct);
        if (s is null) db.SmtpSettings.Add(s = SmtpSettings.Create(brandId));
        s.Host = form.Host.Trim();
        s.Port = form.Port;
        s.TlsMode = form.TlsMode;
        s.UserName = string.IsNullOrWhiteSpace(form.UserName) ? null : form.UserName.Trim();
        if (!string.IsNullOrEmpty(form.Password)) s.ProtectedPassword = passwords.Protect(form.Password);
        else if (form.RemovePassword || s.UserName is null) s.ProtectedPassword = null;
        s.SenderAddress = form.SenderAddress.Trim();
        s.SenderName = form.SenderName.Trim();
        s.MaxConnections = form.MaxConnections;
        await db.SaveChangesAsync(ct);
        endpoints.Invalidate(brandId);
        form.Password = null;
        form.RemovePassword = false;
        form.HasStoredPassword = s.ProtectedPassword is not null;
        form.Exists = true;
    }

    /// <summary>Removes the brand's settings: its mail then goes through the host's default server.</summary>
    public async Task RemoveAsync(Guid brandId, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        if (await db.SmtpSettings.FirstOrDefaultAsync(x => x.BrandId == brandId, ct) is { } s)
        {
            db.SmtpSettings.Remove(s);
            await db.SaveChangesAsync(ct);
        }
        endpoints.Invalidate(brandId);
    }

    /// <summary>Connects and authenticates with the entered values (the stored password if none is entered); null on success, else the reason.</summary>
    public async Task<string?> TestAsync(Guid brandId, MailSettingsForm form, CancellationToken ct = default)
    {
        Validate(form);
        var password = form.Password;
        if (string.IsNullOrEmpty(password) && !form.RemovePassword)
        {
            await using var db = dbFactory.CreateDbContext();
            var stored = await db.SmtpSettings.AsNoTracking().Where(x => x.BrandId == brandId).Select(x => x.ProtectedPassword).FirstOrDefaultAsync(ct);
            try { password = passwords.Unprotect(stored); }
            catch (Core.Messaging.MailDeliveryException ex) { return ex.Message; }
        }
        var endpoint = new SmtpEndpoint(form.Host.Trim(), form.Port, form.TlsMode, string.IsNullOrWhiteSpace(form.UserName) ? null : form.UserName.Trim(), password,
            form.SenderAddress.Trim(), form.SenderName.Trim(), form.MaxConnections);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try { return await SmtpMailTransport.TestConnectionAsync(endpoint, timeout.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return text["Error.Timeout", endpoint.ToString()]; }
    }
}
