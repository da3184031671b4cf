using Joules.Core.Data;
using Joules.Core.Integration;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Joules.Core.Messaging.Outbox;
using Joules.Core.Messaging.Sms;
using Joules.Core.Plugins;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Sms;

/// <summary>The gateway form's values (the API key only when a new one is entered).</summary>
public sealed class SmsGatewayForm
{
    public bool Enabled { get; set; } = true;
    public string Url { get; set; } = "";
    public string? NewApiKey { get; set; }
    public bool HasApiKey { get; set; }
    public string SenderId { get; set; } = "";
    public string DefaultCountry { get; set; } = "DE";
    public string? CallbackBaseUrl { get; set; }
}

/// <summary>One row of the recent SMS list.</summary>
public sealed record SmsListItem(Guid Id, DateTimeOffset CreatedAt, string To, string Text, OutboxStatus Status, DeliveryState Delivery,
    string? DeliveryDetail, string? ProviderMessageId, string? LastError, int Attempts);

/// <summary>What the SMS page shows and changes: per-brand gateway settings, a test SMS through the outbox, recent SMS.</summary>
public sealed class SmsAdminService(IDbContextFactory<SmsDb> factory, IDbContextFactory<JoulesDbContext> coreFactory, ICurrentUser user,
    IPluginContext plugin, SecretProtector secrets, SmsGatewayResolver gateways)
{
    public bool CanWrite => plugin.AllowsChanges;

    /// <summary>The signed-in user's own brand (null for administrators of all brands).</summary>
    public Guid? UserBrandId => user.BrandId;

    /// <summary>Brands the user may see SMS settings for (id, name).</summary>
    public async Task<List<(Guid Id, string Name)>> BrandsAsync()
    {
        await using var db = await coreFactory.CreateDbContextAsync();
        var brands = await db.Brands.AsNoTracking().OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync();
        return brands.Where(b => user.AllBrands || b.Id == user.BrandId).Select(b => (b.Id, b.Name)).ToList();
    }

    /// <summary>The brand's form, or null if the brand has configured no gateway.</summary>
    public async Task<SmsGatewayForm?> LoadAsync(Guid brandId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var s = await db.Gateways.AsNoTracking().FirstOrDefaultAsync(g => g.BrandId == brandId);
        return s is null ? null : new SmsGatewayForm
        {
            Enabled = s.Enabled, Url = s.Url, HasApiKey = !string.IsNullOrEmpty(s.ProtectedApiKey) && secrets.Unprotect(SmsGatewayResolver.ApiKeyPurpose, s.ProtectedApiKey) is not null,
            SenderId = s.SenderId, DefaultCountry = s.DefaultCountry, CallbackBaseUrl = s.CallbackBaseUrl,
        };
    }

    /// <summary>True when the host runs the gateway simulator (demo and tests only).</summary>
    public bool SimulatorAvailable => gateways.Simulator() is not null;

    /// <summary>The simulator's gateway address, if it runs.</summary>
    public Uri? SimulatorUrl => gateways.Simulator()?.BaseUrl;

    /// <summary>Saves the brand's gateway (validated; the API key is encrypted). Only administrators.</summary>
    /// <exception cref="DomainException">A field is invalid (the message names it).</exception>
    public async Task SaveAsync(Guid brandId, SmsGatewayForm form)
    {
        RequireAdministrator();
        await using var db = await factory.CreateDbContextAsync();
        var s = await db.Gateways.FirstOrDefaultAsync(g => g.BrandId == brandId);
        var isNew = s is null;
        s ??= new SmsGatewaySettings { BrandId = brandId };
        s.Enabled = form.Enabled;
        s.Url = (form.Url ?? "").Trim();
        s.SenderId = (form.SenderId ?? "").Trim();
        s.DefaultCountry = (form.DefaultCountry ?? "").Trim().ToUpperInvariant();
        s.CallbackBaseUrl = string.IsNullOrWhiteSpace(form.CallbackBaseUrl) ? null : form.CallbackBaseUrl.Trim();
        var newKey = form.NewApiKey?.Trim();
        if (!string.IsNullOrEmpty(newKey))
        {
            if (newKey.Length > 500) throw new DomainException("Der API-Schlüssel darf höchstens 500 Zeichen lang sein.", "ApiKey");
            s.ProtectedApiKey = secrets.Protect(SmsGatewayResolver.ApiKeyPurpose, newKey);
        }
        SmsGatewayResolver.Validate(s, secrets.Unprotect(SmsGatewayResolver.ApiKeyPurpose, s.ProtectedApiKey) is not null);
        s.UpdatedAt = DateTimeOffset.UtcNow;
        if (isNew) db.Gateways.Add(s);
        await db.SaveChangesAsync();
        form.NewApiKey = null;
        form.HasApiKey = true;
    }

    /// <summary>Removes the brand's gateway settings (then the simulator is used in the demo, else SMS wait). Only administrators.</summary>
    public async Task DeleteAsync(Guid brandId)
    {
        RequireAdministrator();
        await using var db = await factory.CreateDbContextAsync();
        var s = await db.Gateways.FirstOrDefaultAsync(g => g.BrandId == brandId);
        if (s is null) return;
        db.Gateways.Remove(s);
        await db.SaveChangesAsync();
    }

    /// <summary>Queues a test SMS to <paramref name="number"/> through the outbox; returns the normalised number.</summary>
    /// <exception cref="DomainException">The number cannot be read (field "Number") or the text is empty (field "Text").</exception>
    public async Task<string> SendTestAsync(Guid brandId, string? number, string? text)
    {
        if (!CanWrite) throw new DomainException("Das SMS-Plugin ist nur lesbar; es können keine SMS gesendet werden.", "Number");
        var form = await LoadAsync(brandId);
        if (!PhoneNumbers.TryNormalize(number, form?.DefaultCountry ?? "DE", out var e164, out var error))
            throw new DomainException(error, "Number");
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("Bitte einen Text für die Test-SMS angeben.", "Text");
        if (text.Length > 1600) throw new DomainException("Der Text der Test-SMS darf höchstens 1600 Zeichen lang sein.", "Text");
        await using var db = await coreFactory.CreateDbContextAsync();
        await db.QueueMessageAsync(MessageChannel.Sms, brandId, $"sms-test:{Guid.NewGuid():N}", e164, "Test-SMS", text.Trim(),
            source: $"sms-test:{user.UserName}");
        await db.SaveChangesAsync();
        return e164;
    }

    /// <summary>One page of the brand's SMS, newest first, optionally filtered by number or text.</summary>
    public async Task<(List<SmsListItem> Items, int Total)> RecentAsync(Guid brandId, int page, int pageSize, string? search)
    {
        await using var db = await coreFactory.CreateDbContextAsync();
        var query = db.OutboxMessages.AsNoTracking().Where(m => m.Channel == MessageChannel.Sms && m.BrandId == brandId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            query = query.Where(m => m.To.Contains(s) || m.TextBody.Contains(s));
        }
        var total = await query.CountAsync();
        var items = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip(page * pageSize).Take(pageSize)
            .Select(m => new SmsListItem(m.Id, m.CreatedAt, m.To, m.TextBody, m.Status, m.DeliveryState, m.DeliveryDetail, m.ProviderMessageId,
                m.LastError, m.Attempts))
            .ToListAsync();
        return (items, total);
    }

    /// <summary>Administrators work across all brands; only they change gateway settings.</summary>
    public bool IsAdministrator => user.AllBrands;

    private void RequireAdministrator()
    {
        if (!CanWrite) throw new DomainException("Das SMS-Plugin ist nur lesbar; Einstellungen können nicht geändert werden.", "Url");
        if (!IsAdministrator) throw new DomainException("Nur Administratoren dürfen die Gateway-Einstellungen ändern.", "Url");
    }
}
